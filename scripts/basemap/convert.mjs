// Converts world-atlas (Natural Earth, public domain; world-atlas ISC) into the offline basemap
// the console ships: resources/map/basemap-110m.bin and basemap-50m.bin. Run once, when the data
// should change, and commit the output:
//   cd scripts/basemap && npm install && node convert.mjs ../../resources/map
//
// File format (little-endian), read by ui/map/basemap.cpp:
//   "CDBM", u32 version (1), u32 layer count, then per layer:
//     u8 kind (1 = land, filled; 2 = country borders, stroked), u32 shape count, then per shape:
//       u32 ring count, then per ring: u32 point count, then points as i32 pairs
//       (longitude, latitude in 1e-5 degrees).
// Land shapes are polygons (outer ring and holes, drawn with the odd-even rule); border shapes are
// single lines between two countries (coastlines are the edge of the land fill).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { feature, mesh } from 'topojson-client';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node convert.mjs OUTPUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const atlas = (name) => JSON.parse(readFileSync(new URL(`./node_modules/world-atlas/${name}`, import.meta.url)));

class Writer {
  constructor() { this.chunks = []; }
  u8(v) { const b = Buffer.alloc(1); b.writeUInt8(v); this.chunks.push(b); }
  u32(v) { const b = Buffer.alloc(4); b.writeUInt32LE(v); this.chunks.push(b); }
  points(ring) {
    const b = Buffer.alloc(4 + ring.length * 8);
    b.writeUInt32LE(ring.length, 0);
    ring.forEach(([lon, lat], i) => {
      b.writeInt32LE(Math.round(lon * 1e5), 4 + i * 8);
      b.writeInt32LE(Math.round(lat * 1e5), 8 + i * 8);
    });
    this.chunks.push(b);
  }
  bytes() { return Buffer.concat(this.chunks); }
}

function polygons(geometry) {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

function convert(resolution) {
  const land = atlas(`land-${resolution}.json`);
  const countries = atlas(`countries-${resolution}.json`);
  const landShapes = feature(land, land.objects.land).features.flatMap((f) => polygons(f.geometry));
  const borders = mesh(countries, countries.objects.countries, (a, b) => a !== b).coordinates;

  const w = new Writer();
  w.chunks.push(Buffer.from('CDBM', 'ascii'));
  w.u32(1);
  w.u32(2);
  w.u8(1);
  w.u32(landShapes.length);
  for (const polygon of landShapes) {
    w.u32(polygon.length);
    polygon.forEach((ring) => w.points(ring));
  }
  w.u8(2);
  w.u32(borders.length);
  for (const line of borders) {
    w.u32(1);
    w.points(line);
  }
  const file = join(outDir, `basemap-${resolution}.bin`);
  writeFileSync(file, w.bytes());
  const points = landShapes.flat().reduce((n, r) => n + r.length, 0) + borders.reduce((n, l) => n + l.length, 0);
  console.log(`${file}: ${landShapes.length} land polygons, ${borders.length} borders, ${points} points`);
}

convert('110m');
convert('50m');

// Driver for fuzz_rpcframe when libFuzzer is not available (g++ builds): replays every file of
// the given corpus directories, then a bounded number of deterministic random mutations of them.
//
//   fuzz_rpcframe [-runs=N] [-seed=S] <corpus dir>...

#include <QDir>
#include <QFile>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv);
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

using Input = std::string;

// JSON-ish fragments worth splicing in.
const char *const kTokens[] = {"[",
                               "]",
                               "{",
                               "}",
                               "\"",
                               ",",
                               ":",
                               "2",
                               "3",
                               "4",
                               "-1",
                               "1e999",
                               "null",
                               "true",
                               "\\u0000",
                               "\\ud800",
                               "\"status\"",
                               "\"Accepted\"",
                               "[2,\"f\",",
                               "[3,\"f\",",
                               "[4,\"f\",\"GenericError\",\"\",{}]",
                               "{\"a\":[[[[[[[[]]]]]]]]}",
                               "0.1",
                               "1.0"};

Input mutate(const std::vector<Input> &seeds, std::mt19937_64 &rng)
{
    Input s = seeds[rng() % seeds.size()];
    const int steps = 1 + int(rng() % 4);
    for (int i = 0; i < steps; ++i) {
        const std::size_t pos = s.empty() ? 0 : rng() % (s.size() + 1);
        switch (rng() % 7) {
            case 0:  // flip a byte
                if (!s.empty())
                    s[pos % s.size()] = char(rng());
                break;
            case 1:  // insert a random byte
                s.insert(pos, 1, char(rng()));
                break;
            case 2:  // delete a range
                if (!s.empty())
                    s.erase(pos % s.size(), 1 + rng() % 8);
                break;
            case 3:  // duplicate a range
                if (!s.empty()) {
                    const std::size_t from = rng() % s.size();
                    s.insert(pos, s.substr(from, 1 + rng() % 16));
                }
                break;
            case 4:  // insert a token
                s.insert(pos, kTokens[rng() % (sizeof(kTokens) / sizeof(kTokens[0]))]);
                break;
            case 5: {  // splice with another seed
                const Input &other = seeds[rng() % seeds.size()];
                s = s.substr(0, pos) + other.substr(other.empty() ? 0 : rng() % other.size());
                break;
            }
            default:  // change the selector byte (version / role)
                if (!s.empty())
                    s[0] = char(rng() % 6);
                break;
        }
    }
    return s;
}

}  // namespace

int main(int argc, char **argv)
{
    long long runs = 20000;
    unsigned long long seed = 1;
    std::vector<std::string> dirs;
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "-runs=", 6) == 0)
            runs = std::atoll(argv[i] + 6);
        else if (std::strncmp(argv[i], "-seed=", 6) == 0)
            seed = std::strtoull(argv[i] + 6, nullptr, 10);
        else if (argv[i][0] != '-')
            dirs.emplace_back(argv[i]);
    }
    LLVMFuzzerInitialize(&argc, &argv);

    std::vector<Input> seeds;
    for (const std::string &dir : dirs) {
        const QDir d(QString::fromLocal8Bit(dir.c_str()));
        for (const QString &name : d.entryList(QDir::Files, QDir::Name)) {
            QFile file(d.filePath(name));
            if (file.open(QIODevice::ReadOnly))
                seeds.push_back(file.readAll().toStdString());
        }
    }
    if (seeds.empty())
        seeds.emplace_back("0[2,\"1\",\"Heartbeat\",{}]");
    for (const Input &s : seeds)
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(s.data()), s.size());

    std::mt19937_64 rng(seed);
    for (long long i = 0; i < runs; ++i) {
        const Input s = mutate(seeds, rng);
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(s.data()), s.size());
    }
    std::printf("fuzz_rpcframe: %zu seeds replayed, %lld mutations, no failure\n", seeds.size(), runs);
    return 0;
}

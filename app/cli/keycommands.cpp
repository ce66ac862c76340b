#include "app/cli/keycommands.h"

#include "core/storage/databasekey.h"
#include "core/storage/filekeystore.h"

namespace cd::cli {

namespace {

class KeyCommands {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::KeyCommands)
public:
    static int generate(CommandContext &c)
    {
        const storage::DatabaseKey key = storage::DatabaseKey::generate();
        const QString out = c.parser.value(QStringLiteral("out"));
        if (out.isEmpty()) {
            c.out.line(QString::fromLatin1(key.hex()));
            return 0;
        }
        if (Status s = storage::FileKeyStore::writeNew(out, key); !s) {
            c.out.error(s.error().message);
            return static_cast<int>(s.error().code);
        }
        c.out.error(tr("Wrote a new 256-bit key to %1 (mode 0600). Keep a backup: without it the database cannot be read.")
                        .arg(out));
        return 0;
    }
};

}  // namespace

QList<Command> keyCommands()
{
    return {{{QStringLiteral("key"), QStringLiteral("generate")},
             QStringLiteral("[--out FILE]"),
             KeyCommands::tr("Make a new random database key (prints it, or writes a 0600 key file)."),
             false,
             &KeyCommands::generate}};
}

}  // namespace cd::cli

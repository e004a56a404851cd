using BitGridAI.Storage;
using BitGridAI.Storage.Access;

namespace BitGridAI.Cli.Tokens;

/// <summary>
/// <c>bitgrid token create --role viewer|operator|admin [--name N] [--days D] | list | revoke NAME</c> on the silo's data
/// directory (<c>--data-dir</c>, default <c>data</c>): a new token is printed once, on its own line; only its hash is kept.
/// </summary>
internal static class TokenCommand
{
    public static int Run(Arguments args, CliIO io, TimeProvider clock)
    {
        var verb = args.Positionals.Count > 0 ? args.Positionals[0] : throw new CliInputException("token: say create, list or revoke NAME");
        var dataDir = args.Option("data-dir") ?? "data";
        if (!File.Exists(TokenStore.PathIn(dataDir)))
        {
            throw new CliInputException($"--data-dir: no token store at {Path.GetFullPath(TokenStore.PathIn(dataDir))} (start the silo once, or name its data directory)");
        }
        TokenStore store;
        try
        {
            store = new TokenStore(new SqliteDatabase(TokenStore.PathIn(dataDir), create: false), clock);
        }
        catch (StorageException e)
        {
            throw new CliInputException($"--data-dir: {e.Message}");
        }
        using var output = new StreamWriter(io.Out, leaveOpen: true) { NewLine = "\n" };
        switch (verb)
        {
            case "create":
                var role = ApiRoles.Parse(args.Option("role")) ?? throw new CliInputException($"--role: must be viewer, operator or admin (got '{args.Option("role")}')");
                var name = args.Option("name") ?? $"{ApiRoles.Name(role)}-{clock.GetUtcNow():yyyyMMddHHmmss}";
                TimeSpan? lifetime = args.Option("days") switch
                {
                    null => null,
                    var text when double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var days)
                        && double.IsFinite(days) && days > 0 && days <= 3650 => TimeSpan.FromDays(days),
                    var text => throw new CliInputException($"--days: must be a number of days from more than 0 to 3650 (got '{text}')"),
                };
                args.RejectUnknown(maxPositionals: 1);
                try
                {
                    output.WriteLine($"{ApiRoles.Name(role)} token '{name}': {store.Create(name, role, lifetime)}");
                }
                catch (ArgumentException e)
                {
                    throw new CliInputException(e.Message);
                }
                io.Err.WriteLine("shown this once: only its hash is kept");
                return CliApp.Ok;
            case "list":
                args.RejectUnknown(maxPositionals: 1);
                foreach (var token in store.List())
                {
                    output.WriteLine($"{token.Name,-24} {ApiRoles.Name(token.Role),-9} created {token.CreatedAt:yyyy-MM-dd HH:mm}Z{(token.ExpiresAt is { } until ? $"  {(until <= clock.GetUtcNow() ? "expired" : "expires")} {until:yyyy-MM-dd HH:mm}Z" : "")}{(token.RevokedAt is { } at ? $"  revoked {at:yyyy-MM-dd HH:mm}Z" : "")}");
                }
                return CliApp.Ok;
            case "revoke":
                var revoked = args.Positionals.Count == 2 ? args.Positionals[1] : throw new CliInputException("token revoke: name the token (bitgrid token list shows them)");
                args.RejectUnknown(maxPositionals: 2);
                if (!store.Revoke(revoked))
                {
                    throw new CliInputException($"token revoke: no live token named '{revoked}'");
                }
                output.WriteLine($"token '{revoked}' revoked");
                return CliApp.Ok;
            default:
                throw new CliInputException($"token: unknown '{verb}' (create, list or revoke NAME)");
        }
    }
}

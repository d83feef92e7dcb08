namespace LrCluster.Grains.Store;

/// <summary>Opens the store a URL names: <c>sqlite:PATH</c> (embedded) or <c>postgres://user:pass@host[:port]/db</c> (cluster).</summary>
public static class StoreFactory
{
    public static ISweepStore Open(string url)
    {
        ISweepStore store;
        if (url.StartsWith("sqlite:", StringComparison.Ordinal) && url.Length > "sqlite:".Length)
        {
            store = new SqliteSweepStore(url["sqlite:".Length..]);
        }
        else if (url.StartsWith("postgres://", StringComparison.Ordinal) || url.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            store = OpenPostgres(url);
        }
        else
        {
            throw new ArgumentException($"store URL '{Redact(url)}' is not supported; allowed: sqlite:PATH, postgres://user:pass@host[:port]/db", nameof(url));
        }

        store.Migrate();
        return store;
    }

    /// <summary>Hides the password of a URL for messages and logs.</summary>
    public static string Redact(string url) =>
        System.Text.RegularExpressions.Regex.Replace(url, @"^(postgres(?:ql)?://[^:/@]+:)[^@]*@", "$1***@");

    private static ISweepStore OpenPostgres(string url) => new Postgres.PostgresSweepStore(url);
}

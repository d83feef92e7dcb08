using Npgsql;

namespace LrCluster.Grains.Store.Postgres;

/// <summary>
/// Turns a <c>postgres://user:password@host:port/database?key=value</c> URL (the form operators and Kubernetes
/// secrets use) into an Npgsql connection string. A string that is not such a URL is taken as an Npgsql
/// connection string already. Error messages never repeat the input, since it carries the password.
/// </summary>
public static class PostgresUrl
{
    public static string ToConnectionString(string urlOrConnectionString)
    {
        ArgumentNullException.ThrowIfNull(urlOrConnectionString);
        var text = urlOrConnectionString.Trim();
        if (!text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new NpgsqlConnectionStringBuilder(text).ConnectionString;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("the PostgreSQL URL is not of the form postgres://user:password@host:port/database");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            // Uri keeps the brackets of an IPv6 literal in Host; Npgsql wants the bare address.
            Host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
        };

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            // libpq spells keys with underscores (application_name, search_path); Npgsql with spaces.
            var keyword = key.Replace('_', ' ');
            try
            {
                builder[keyword] = value;
            }
            catch (ArgumentException)
            {
                throw new FormatException($"the PostgreSQL URL has an unknown or invalid parameter '{key}'");
            }
        }

        return builder.ConnectionString;
    }
}

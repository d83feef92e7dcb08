using LrCluster.Grains.Store.Postgres;
using Npgsql;

namespace LrCluster.Grains.Tests.Postgres;

public sealed class PostgresUrlTests
{
    [Fact]
    public void The_store_prepares_statements_and_skips_the_reset_unless_the_url_says_otherwise()
    {
        var defaults = new NpgsqlConnectionStringBuilder(PostgresSweepStore.Tuned(PostgresUrl.ToConnectionString("postgres://u:p@h/db")));
        var chosen = new NpgsqlConnectionStringBuilder(PostgresSweepStore.Tuned(
            PostgresUrl.ToConnectionString("postgres://u:p@h/db?max_auto_prepare=0&no_reset_on_close=false")));

        Assert.Equal((PostgresSweepStore.DefaultAutoPrepare, true), (defaults.MaxAutoPrepare, defaults.NoResetOnClose));
        Assert.Equal((0, false), (chosen.MaxAutoPrepare, chosen.NoResetOnClose));
    }

    [Fact]
    public void A_url_becomes_a_connection_string()
    {
        var b = new NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString("postgres://lrc:p%40ss%3Aword@db.example:6543/sweeps"));

        Assert.Equal(("db.example", 6543, "lrc", "p@ss:word", "sweeps"), (b.Host, b.Port, b.Username, b.Password, b.Database));
    }

    [Fact]
    public void The_postgresql_scheme_the_default_port_and_query_parameters_are_understood()
    {
        var b = new NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString("postgresql://u@h/d?sslmode=require&application_name=silo-1&search_path=lrc"));

        Assert.Equal(("h", 5432, "u", (string?)null, "d"), (b.Host, b.Port, b.Username, b.Password, b.Database));
        Assert.Equal((SslMode.Require, "silo-1", "lrc"), (b.SslMode, b.ApplicationName, b.SearchPath));
    }

    [Fact]
    public void An_ipv6_host_loses_its_brackets()
    {
        var b = new NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString("postgres://u:p@[::1]:55432/d"));

        Assert.Equal(("::1", 55432), (b.Host, b.Port));
    }

    [Fact]
    public void A_connection_string_passes_through()
    {
        var b = new NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString("Host=h;Port=1234;Username=u;Password=p;Database=d"));

        Assert.Equal(("h", 1234, "d"), (b.Host, b.Port, b.Database));
    }

    [Fact]
    public void A_bad_url_is_reported_without_its_password()
    {
        var e = Assert.Throws<FormatException>(() => PostgresUrl.ToConnectionString("postgres://u:s3cret@h/d?no_such_option=1"));

        Assert.Contains("no_such_option", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", e.Message, StringComparison.Ordinal);
    }
}

using System.Collections;
using LrCluster.Silo.Hosting;
using LrCluster.Silo.Security;

namespace LrCluster.Silo.Tests;

public sealed class SiloConfigurationTests
{
    [Fact]
    public void Flags_in_both_forms_become_silo_settings_and_host_settings_pass_through()
    {
        var flags = SiloFlags.Parse(["--store", "sqlite:/tmp/a.db", "--slots=3", "--port", "9000", "--token", "t", "--name", "pod-0",
            "--shutdown-timeout", "90", "--environment=Development", "--Logging:LogLevel:Default=Debug"]);

        Assert.Equal("sqlite:/tmp/a.db", flags.Settings["Silo:Store"]);
        Assert.Equal("3", flags.Settings["Silo:Slots"]);
        Assert.Equal("9000", flags.Settings["Silo:Port"]);
        Assert.Equal("t", flags.Settings["Silo:Token"]);
        Assert.Equal("pod-0", flags.Settings["Silo:Name"]);
        Assert.Equal("90", flags.Settings["Silo:ShutdownTimeoutSeconds"]);
        Assert.Equal(["--environment=Development", "--Logging:LogLevel:Default=Debug"], flags.HostArgs);
        Assert.False(flags.HelpRequested);
    }

    [Theory]
    [InlineData("unknown flag '--slot'", "--slot", "2")]
    [InlineData("--slots 'two' is not a whole number", "--slots", "two")]
    [InlineData("--port '-1' is not a whole number", "--port=-1")]
    [InlineData("--store needs a value", "--store")]
    [InlineData("--store needs a value", "--store", "--slots", "2")]
    [InlineData("unexpected argument 'serve'", "serve")]
    public void Bad_flags_are_refused_with_a_message_naming_them(string message, params string[] args)
    {
        var e = Assert.Throws<SiloConfigException>(() => SiloFlags.Parse(args));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Lrc_variables_map_onto_the_silo_section()
    {
        var settings = LrcEnvironment.Settings(new Hashtable
        {
            ["LRC_STORE"] = "postgres://u:p@db/lrc",
            ["LRC_SHUTDOWN_TIMEOUT_SECONDS"] = "30",
            ["LRC_CLUSTER__POLL_INTERVAL"] = "00:00:01",
            ["PATH"] = "/bin",
        });

        Assert.Equal("postgres://u:p@db/lrc", settings["Silo:STORE"]);
        Assert.Equal("30", settings["Silo:SHUTDOWNTIMEOUTSECONDS"]);
        Assert.Equal("00:00:01", settings["Silo:CLUSTER:POLLINTERVAL"]);
        Assert.Equal(3, settings.Count);
    }

    [Fact]
    public void Gpus_give_one_slot_and_one_cuda_device_each()
    {
        var options = new SiloOptions { Store = "sqlite:x.db", Gpus = "0, 2" };

        var cluster = options.ToClusterOptions();

        Assert.Equal(2, cluster.Slots);
        Assert.Equal(["cuda:0", "cuda:2"], cluster.Devices);
        Assert.True(new SiloOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(null, null, null, "no store configured")]
    [InlineData("mysql://db", null, null, "--store 'mysql://db' is not supported")]
    [InlineData("postgres://u:secret@db/x", 0, null, "--slots (LRC_SLOTS) must be 1 to 64")]
    [InlineData("sqlite:x.db", 3, "0,1", "--slots 3 disagrees with --gpus 0,1")]
    [InlineData("sqlite:x.db", null, "0,a", "--gpus (LRC_GPUS): 'a' is not a GPU index")]
    public void Invalid_settings_are_reported_with_the_flag_to_fix(string? store, int? slots, string? gpus, string message)
    {
        var result = new SiloOptionsValidator().Validate(null, new SiloOptions { Store = store, Slots = slots, Gpus = gpus });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(message, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Failures!, f => f.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public void The_token_comparer_accepts_only_the_exact_token()
    {
        var comparer = new TokenComparer("s3cret-token");

        Assert.True(comparer.Matches("s3cret-token"));
        Assert.False(comparer.Matches("s3cret-toke"));
        Assert.False(comparer.Matches("s3cret-token-and-more"));
        Assert.False(comparer.Matches("S3CRET-TOKEN"));
        Assert.False(comparer.Matches(""));
    }

    [Fact]
    public void A_token_from_a_secret_file_loses_its_trailing_newline()
    {
        Assert.Equal("abc", new SiloOptions { Token = "abc\n" }.EffectiveToken());
        Assert.Null(new SiloOptions { Token = "  " }.EffectiveToken());
    }
}

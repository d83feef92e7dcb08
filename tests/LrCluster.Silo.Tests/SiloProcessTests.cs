using System.Net.Http.Headers;
using System.Text.Json;

namespace LrCluster.Silo.Tests;

/// <summary>The silo as an operator runs it: a separate process, real libtorch training, SIGTERM to stop.</summary>
public sealed class SiloProcessTests : IDisposable
{
    private const string Token = "process-token-5e1f0c";

    private readonly string _dir = Directory.CreateTempSubdirectory("lrc-silo-process-").FullName;

    [Fact]
    public async Task A_silo_process_runs_a_real_digits_sweep_and_stops_cleanly_on_sigterm()
    {
        var port = SiloProcess.FreePort();
        using var silo = SiloProcess.Start(_dir, "--store", $"sqlite:{Path.Combine(_dir, "lrc.db")}", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--slots", "1", "--token", Token, "--name", "process-silo");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        await WaitReadyAsync(client, silo);
        var id = await client.SubmitAsync(Specs.TinyDigits);
        var sweep = await client.WaitFinalAsync(id);
        Assert.True(sweep.GetProperty("state").GetString() == "completed", $"sweep ended {sweep}\n{silo.Output}");
        Assert.Equal("triangular", (await client.GetJsonAsync($"/api/sweeps/{id}/results")).GetProperty("ranking")[0].GetProperty("config").GetString());
        Assert.True((await client.GetJsonAsync($"/api/sweeps/{id}/trials/rt-base-r0/points")).GetArrayLength() > 0);
        var before = await client.GetJsonAsync("/api/silos");
        var me = Assert.Single(before.EnumerateArray());
        Assert.Equal(("process-silo", "active", 1), (me.GetProperty("name").GetString(), me.GetProperty("status").GetString(), me.GetProperty("slots").GetInt32()));

        silo.Terminate();
        var exit = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exit == 0, $"exit {exit}\n{silo.Output}");
        Assert.Contains("Orleans Silo stopped", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, silo.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--slots", "abc")]
    [InlineData("--frobnicate", "1")]
    [InlineData("--store", "mysql://db/x")]
    [InlineData("--store", "sqlite:x.db", "--slots", "0")]
    [InlineData("--port", "70000", "--store", "sqlite:x.db")]
    [InlineData("--store", "sqlite:x.db", "--data-root", "relative/dir")]
    [InlineData("--store", "sqlite:x.db", "--data-root", "/no/such/lrc/root")]
    public async Task Bad_flags_exit_2_with_one_line_on_stderr(params string[] args)
    {
        using var silo = SiloProcess.Start(_dir, args);

        var exit = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exit);
        var lines = silo.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("lrc-silo: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_whose_port_is_taken_exits_1_naming_the_port()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        var db = Path.Combine(_dir, "taken.db");

        using var silo = SiloProcess.Start(_dir, "--store", $"sqlite:{db}", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var exit = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exit == 1, $"exit {exit}\n{silo.Output}");
        Assert.Contains("lrc-silo: Failed to bind", silo.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    internal static async Task WaitReadyAsync(HttpClient client, SiloProcess silo)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, $"the silo did not become ready within 60 s\n{silo.Output}");
            await Task.Delay(200);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace LrCluster.Cluster.Tests.Processes;

/// <summary>
/// A real <c>lrc-silo</c> process (<c>dotnet lrc-silo.dll</c>, copied next to this test assembly), as in
/// LrCluster.Silo.Tests, with fast cluster timings passed as <c>LRC_CLUSTER__*</c> variables and the signals a
/// failure test sends: SIGKILL (crash), SIGSTOP/SIGCONT (a frozen process), SIGTERM (graceful stop).
/// </summary>
internal sealed class SiloProcess : IDisposable
{
    public const string Token = "cluster-token-7d41";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(string name, int port, Process process)
    {
        Name = name;
        Port = port;
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public string Name { get; }

    public int Port { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>A client for this silo's gateway, with the bearer token.</summary>
    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// The test timings: Orleans probes every second and declares a silo dead after 3 missed probes
    /// (<c>MembershipTimings.Test</c>), idle slots poll every 200 ms, and a checkpoint every <paramref name="checkpointEvery"/>
    /// steps (the silo's default is 200).
    /// </summary>
    public static IReadOnlyDictionary<string, string> FastCluster(int checkpointEvery = 20) => new Dictionary<string, string>
    {
        ["LRC_CLUSTER__CHECKPOINT_EVERY"] = checkpointEvery.ToString(CultureInfo.InvariantCulture),
        ["LRC_CLUSTER__POLL_INTERVAL"] = "00:00:00.200",
        ["LRC_MEMBERSHIP__PROBE_TIMEOUT"] = "00:00:01",
        ["LRC_MEMBERSHIP__MISSED_PROBES"] = "3",
        ["LRC_MEMBERSHIP__TABLE_REFRESH_TIMEOUT"] = "00:00:02",
    };

    public static SiloProcess Start(string workingDirectory, string store, string name, IReadOnlyDictionary<string, string>? environment = null,
        string role = "silo")
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in new[]
        {
            "--store", store, "--role", role, "--port", port.ToString(CultureInfo.InvariantCulture), "--name", name, "--token", Token,
            "--silo-port", FreePort().ToString(CultureInfo.InvariantCulture), "--gateway-port", FreePort().ToString(CultureInfo.InvariantCulture),
            "--advertised-address", "127.0.0.1",
        }.Concat(role == "silo" ? ["--slots", "1"] : []))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("LRC_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(variable);
        }

        foreach (var (key, value) in environment ?? FastCluster())
        {
            start.Environment[key] = value;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return new SiloProcess(name, port, Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet"));
    }

    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            Assert.False(_process.HasExited, $"{Name} exited with {(_process.HasExited ? _process.ExitCode : 0)} before it was ready\n{Output}");
            try
            {
                using var response = await Client.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, $"{Name} did not become ready\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGTERM: a graceful stop.</summary>
    public void Terminate() => Signal("TERM");

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public int ExitCode => _process.ExitCode;

    /// <summary>kill -9: no hand-back, no leaving; its connections die with it.</summary>
    public void Kill9()
    {
        Signal("KILL");
        _process.WaitForExit(10_000);
    }

    /// <summary>kill -STOP: the process freezes with its connections open.</summary>
    public void Freeze() => Signal("STOP");

    /// <summary>kill -CONT: the frozen process carries on where it stopped.</summary>
    public void Thaw() => Signal("CONT");

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            Signal("CONT");
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private static string DllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "lrc-silo.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"lrc-silo.dll is not next to the test assembly in {AppContext.BaseDirectory}");
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", Pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

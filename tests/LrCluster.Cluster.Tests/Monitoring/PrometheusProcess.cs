using System.Diagnostics;
using System.Globalization;
using System.Text;
using LrCluster.Cluster.Tests.Processes;

namespace LrCluster.Cluster.Tests.Monitoring;

/// <summary>A real Prometheus (Debian's <c>prometheus</c> package) scraping given silos every second, in a temp folder.</summary>
internal sealed class PrometheusProcess : IDisposable
{
    public const string Binary = "/usr/bin/prometheus";
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PrometheusProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

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

    /// <param name="targets">Silo gateway ports, each labelled <c>pod</c> like the PodMonitor does on Kubernetes.</param>
    public static PrometheusProcess Start(string folder, IReadOnlyList<(string Pod, int Port)> targets)
    {
        var config = new StringBuilder("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: lrc-silo\n    static_configs:\n");
        foreach (var (pod, target) in targets)
        {
            config.Append(CultureInfo.InvariantCulture, $"      - targets: ['127.0.0.1:{target}']\n        labels: {{ pod: '{pod}' }}\n");
        }

        var configPath = Path.Combine(folder, "prometheus.yml");
        File.WriteAllText(configPath, config.ToString());
        var port = SiloProcess.FreePort();
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     $"--config.file={configPath}", $"--storage.tsdb.path={Path.Combine(folder, "tsdb")}",
                     $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        return new PrometheusProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start prometheus"), port);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}

using LrCluster.Silo.Security;
using LrCluster.Training.Torch;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace LrCluster.Silo.Hosting;

/// <summary>The request pipeline and the checked run of a silo.</summary>
public static class SiloAppExtensions
{
    public static WebApplication UseLrcSilo(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BodyLimitMiddleware>();
        app.UseMiddleware<BearerTokenMiddleware>();
        return app;
    }

    /// <summary>Checks the configuration, runs until SIGTERM, and returns the process exit code.</summary>
    public static async Task<int> RunSiloAsync(this WebApplication app)
    {
        try
        {
            _ = app.Services.GetRequiredService<IOptions<SiloOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            throw new SiloConfigException(string.Join("; ", e.Failures));
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key and the type it wanted (LRC_SLOTS=abc).
            throw new SiloConfigException(e.Message);
        }

        if (!app.Services.GetRequiredService<IOptions<SiloOptions>>().Value.IsGateway)
        {
            try
            {
                // A silo that cannot train must not join the cluster and take trials it would fail.
                TorchEngine.EnsureLoaded();
            }
            catch (TorchException e)
            {
                await Console.Error.WriteLineAsync($"lrc-silo: training engine: {e.Message}").ConfigureAwait(false);
                return SiloExitCodes.Failure;
            }
        }

        var runtime = app.Services.GetRequiredService<SiloRuntime>();
        try
        {
            await app.RunAsync().ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // Typically the port is taken.
            await Console.Error.WriteLineAsync($"lrc-silo: {e.Message}").ConfigureAwait(false);
            return SiloExitCodes.Failure;
        }
        catch (Exception e) when (e is OrleansException or System.Net.Sockets.SocketException || e.InnerException is System.Net.Sockets.SocketException)
        {
            // Orleans could not start (its port is taken, the membership table cannot be reached).
            await Console.Error.WriteLineAsync($"lrc-silo: {e.Message}").ConfigureAwait(false);
            return SiloExitCodes.Failure;
        }

        if (runtime.Failure is { } failure)
        {
            await Console.Error.WriteLineAsync($"lrc-silo: {failure}").ConfigureAwait(false);
            return runtime.FailureExitCode;
        }

        return SiloExitCodes.Success;
    }
}

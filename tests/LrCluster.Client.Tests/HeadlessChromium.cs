using Microsoft.Playwright;

namespace LrCluster.Client.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright, headless and kept off the network (its background services would otherwise
/// try to connect). Never downloads a browser: scripts/setup installs /usr/bin/chromium.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private const string Executable = "/usr/bin/chromium";

    private static readonly string[] OfflineFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions",
    ];

    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<HeadlessChromium> StartAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: scripts/setup installs Debian's chromium (these tests never download a browser)");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            return new HeadlessChromium(playwright, await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Executable, Headless = true, Args = OfflineFlags }));
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

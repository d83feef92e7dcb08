using Spectre.Console;

namespace LrCluster.Client.Commands;

/// <summary>
/// The consoles of the CLI. On a terminal: colours, live progress bars and tables as wide as the window. Redirected to
/// a file or a pipe: plain text (no ANSI escapes, no cursor movement, whatever TERM says) and tables at their natural
/// width, never wrapped at Spectre's default of 80 columns, so logs and `grep` see one row per line.
/// </summary>
internal static class Terminal
{
    /// <summary>A redirected stream has no width; this is wider than any table we print.</summary>
    private const int RedirectedWidth = 4096;

    public static IAnsiConsole Stdout { get; } = Create(Console.Out, Console.IsOutputRedirected);

    /// <summary>Human text goes to stderr so that stdout stays machine-readable.</summary>
    public static IAnsiConsole Stderr { get; } = Create(Console.Error, Console.IsErrorRedirected);

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}

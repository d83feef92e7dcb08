namespace LrCluster.Client;

/// <summary>What <c>lrc</c> returns; scripts and CI branch on these.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The input was fine but the work failed (a trial crashed, the native engine is missing, a sweep failed).</summary>
    public const int Failure = 1;

    /// <summary>Bad input: an invalid spec, option or file. Nothing ran.</summary>
    public const int InvalidInput = 2;

    /// <summary>Interrupted (Ctrl+C), the shell's convention.</summary>
    public const int Cancelled = 130;
}

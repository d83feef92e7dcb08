namespace LrCluster.Silo.Security;

/// <summary>Endpoint metadata for the gateway's routes: the bearer check applies to them whatever path spelling reached them.</summary>
public sealed class RequiresToken
{
    public static readonly RequiresToken Instance = new();

    private RequiresToken()
    {
    }
}

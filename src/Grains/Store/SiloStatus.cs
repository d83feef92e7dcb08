namespace LrCluster.Grains.Store;

public enum SiloStatus
{
    Active,
    /// <summary>Shut down gracefully after handing its leases back.</summary>
    Left,
}

namespace LrCluster.Silo.Hosting;

/// <summary>The store is not open yet (or any more); the gateway answers 503 so clients retry.</summary>
public sealed class StoreUnavailableException() : Exception("the store is not open yet; retry shortly");

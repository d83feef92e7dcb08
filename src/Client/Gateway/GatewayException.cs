using System.Net;

namespace LrCluster.Client.Gateway;

/// <summary>The gateway refused a request; the message carries its problem document's detail.</summary>
public sealed class GatewayException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}

using LrCluster.Core.Spec;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LrCluster.Silo.Gateway;

/// <summary>RFC 9457 problem documents for every refusal the gateway makes.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string detail) => Result(StatusCodes.Status404NotFound, "Not Found", detail);

    public static ProblemHttpResult BadRequest(string detail) => Result(StatusCodes.Status400BadRequest, "Bad Request", detail);

    public static ProblemHttpResult Unavailable(string detail) => Result(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", detail);

    public static ProblemHttpResult Conflict(string detail) => Result(StatusCodes.Status409Conflict, "Conflict", detail);

    public static ProblemHttpResult TooLarge(long limit) =>
        Result(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", $"the request body is larger than {limit} bytes");

    public static ProblemHttpResult UnsupportedMediaType(string? contentType) => Result(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type",
        $"content type '{contentType}' is not accepted; send the spec as application/yaml, text/yaml, application/json or text/plain (UTF-8)");

    /// <summary>400 with an <c>errors</c> array of {line, path, message}: every problem in the spec, not just the first.</summary>
    public static ProblemHttpResult InvalidSpec(IReadOnlyList<SpecError> errors) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid sweep spec",
        detail: $"the spec has {errors.Count} problem(s)",
        extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(e => new SpecProblem(e.Line, e.Path, e.Message)).ToList() });

    /// <summary>Writes a problem from middleware, where no endpoint result is in play.</summary>
    public static Task Write(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    private static ProblemHttpResult Result(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}

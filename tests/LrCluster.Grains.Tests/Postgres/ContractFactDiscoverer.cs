using Xunit.Abstractions;
using Xunit.Sdk;

namespace LrCluster.Grains.Tests.Postgres;

/// <summary>Discovers a <see cref="ContractFactAttribute"/> test, skipped when its class needs a PostgreSQL that is not configured.</summary>
public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var needsPostgres = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any();
        var skip = factAttribute.GetNamedArgument<string?>(nameof(FactAttribute.Skip)) ?? (needsPostgres ? PostgresTestEnvironment.SkipReason : null);
        yield return skip is null
            ? new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)
            : new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, skip);
    }
}

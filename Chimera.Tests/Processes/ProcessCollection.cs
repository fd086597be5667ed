namespace Chimera.Tests.Processes;

/// <summary>
/// Tests that start real processes run one at a time and apart from the other tests, because timing contracts such as
/// "unreachable within 5 s" are about the cluster, not about a 2-core machine also running the unit tests.
/// </summary>
[CollectionDefinition("processes", DisableParallelization = true)]
public sealed class ProcessCollection
{
}

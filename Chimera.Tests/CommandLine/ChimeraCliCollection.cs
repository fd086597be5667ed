namespace Chimera.Tests.CommandLine;

/// <summary>Shares one <see cref="ChimeraCli"/> (and at most one publish) across every CLI test class.</summary>
[CollectionDefinition(Name)]
public sealed class ChimeraCliCollection : ICollectionFixture<ChimeraCli>
{
    public const string Name = "chimera executable";
}

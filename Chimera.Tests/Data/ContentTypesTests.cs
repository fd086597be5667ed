namespace Chimera.Tests.Data;

/// <summary>Content type inference: registrations, base types, dictionaries, and the per-type answer cache.</summary>
public sealed class ContentTypesTests
{
    [Fact]
    public void Infer_ByteArrayAndDictionary_AreOtherAndTabular()
    {
        Assert.Equal(ContentType.Other, ContentTypes.Infer(new byte[4]));
        Assert.Equal(ContentType.Other, ContentTypes.Infer(new byte[8]));
        Assert.Equal(ContentType.Tabular, ContentTypes.Infer(new Dictionary<string, object?> { ["x"] = 1 }));
        Assert.Equal(ContentType.Other, ContentTypes.Infer(null));
    }

    [Fact]
    public void Register_AfterTheTypeWasInferred_ChangesLaterAnswers()
    {
        var before = ContentTypes.Infer(new LateRegistered());
        Assert.Equal(ContentType.Other, before);

        var custom = new ContentType("application/x-late");
        ContentTypes.Register(typeof(LateRegistered), custom);

        Assert.Equal(custom, ContentTypes.Infer(new LateRegistered()));
        Assert.Equal(custom, ContentTypes.Infer(new LateRegisteredChild()));
    }

    /// <summary>A type only this test registers.</summary>
    private class LateRegistered
    {
    }

    /// <summary>Inherits the registration of its base type.</summary>
    private sealed class LateRegisteredChild : LateRegistered
    {
    }
}

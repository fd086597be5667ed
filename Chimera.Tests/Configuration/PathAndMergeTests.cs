using static Chimera.Tests.Configuration.HoconTestInput;

namespace Chimera.Tests.Configuration;

public sealed class PathAndMergeTests
{
    [Fact]
    public void DottedKey_IsNestedObject()
    {
        Assert.Equal(Json("a { b { c = 1 } }"), Json("a.b.c = 1"));
    }

    [Fact]
    public void QuotedKeyWithDots_IsOneKey()
    {
        var config = Parse("\"a.b\" = 1\na.\"c.d\".e = 2");
        Assert.Equal("""{"a.b":1,"a":{"c.d":{"e":2}}}""", config.ToJson(false));
        Assert.Equal(1, config.GetInt("\"a.b\""));
        Assert.Equal(2, config.GetInt("a.\"c.d\".e"));
        Assert.False(config.HasPath("a.b"));
    }

    [Fact]
    public void KeyWithWhitespace_KeepsInnerWhitespace()
    {
        Assert.Equal("""{"foo bar":1}""", Json("foo bar : 1"));
    }

    [Fact]
    public void DottedThenNested_Merge()
    {
        Assert.Equal("""{"a":{"b":{"c":1,"d":2}}}""", Json("a.b.c = 1\na { b { d = 2 } }"));
    }

    [Fact]
    public void NestedThenDotted_Merge()
    {
        Assert.Equal("""{"a":{"b":{"c":1,"d":2}}}""", Json("a { b { c = 1 } }\na.b.d = 2"));
    }

    [Fact]
    public void DuplicateKey_ObjectsDeepMerge_LaterWins()
    {
        Assert.Equal("""{"a":{"x":{"p":1,"q":3},"y":2,"z":4}}""", Json("a { x { p = 1, q = 2 }, y = 2 }\na { x { q = 3 }, z = 4 }"));
    }

    [Fact]
    public void DuplicateKey_NonObjectReplaces()
    {
        Assert.Equal("""{"a":5}""", Json("a = { x = 1 }\na = 5"));
        Assert.Equal("""{"a":null}""", Json("a = { x = 1 }\na = null"));
        Assert.Equal("""{"a":{"y":1}}""", Json("a = 5\na = { y = 1 }"));
    }

    [Fact]
    public void DuplicateKey_ObjectAfterReplacement_StartsFresh()
    {
        Assert.Equal("""{"a":{"y":2}}""", Json("a = {x=1}, a = 5, a = {y=2}"));
    }

    [Fact]
    public void DuplicateKey_SubstitutionResolvingToObject_MergesWithNeighbours()
    {
        AssertJson("""{"a":{"x":1,"y":2},"b":{"y":2}}""", Json("a = { x = 1 }\na = ${b}\nb = { y = 2 }"));
        AssertJson("""{"a":{"y":2,"x":1},"b":{"y":2}}""", Json("a = ${b}\na = { x = 1 }\nb = { y = 2 }"));
    }

    [Fact]
    public void ObjectConcatenation_Inheritance_OverridesBase()
    {
        var config = Parse("generic = { cluster-size = 6, name = generic }\neast = ${generic} { name = \"east\" }");
        Assert.Equal(6, config.GetInt("east.cluster-size"));
        Assert.Equal("east", config.GetString("east.name"));
        Assert.Equal("generic", config.GetString("generic.name"));
    }

    [Fact]
    public void NullThenObject_ClearsEarlierObject()
    {
        Assert.Equal("""{"foo":{"b":43}}""", Json("foo : { a : 42 }\nfoo : null\nfoo : { b : 43 }"));
    }

    [Fact]
    public void PathExpressionKeys_AreAlwaysStrings()
    {
        Assert.Equal("""{"true":42,"3":{"14":42},"10":{"0foo":1}}""", Json("true : 42\n3.14 : 42\n10.0foo : 1"));
    }

    [Fact]
    public void DuplicateKey_ArraysReplaceRatherThanAppend()
    {
        Assert.Equal("""{"a":[3]}""", Json("a = [1, 2]\na = [3]"));
    }

    [Fact]
    public void NumericKeys_ReadAsList_SortedByKey()
    {
        var config = Parse("a.2 = c\na.0 = a\na.10 = d\na.1 = b\na.x = ignored");
        Assert.Equal(["a", "b", "c", "d"], config.GetStringList("a"));
    }

    [Fact]
    public void PathsInGetters_AcceptQuotedElements()
    {
        var config = Parse("a { \"b c\" { \"d.e\" = 1 } }");
        Assert.Equal(1, config.GetInt("a.\"b c\".\"d.e\""));
    }
}

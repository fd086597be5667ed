using Chimera.Configuration;
using static Chimera.Tests.Configuration.HoconTestInput;

namespace Chimera.Tests.Configuration;

public sealed class SubstitutionTests
{
    [Fact]
    public void Substitution_Simple_CopiesValueWithType()
    {
        var config = Parse("a = 1\nb = ${a}\nc { d = [1, 2] }\ne = ${c.d}");
        Assert.Equal(HoconValueType.Number, config.GetValue("b").Type);
        Assert.Equal("""{"a":1,"b":1,"c":{"d":[1,2]},"e":[1,2]}""", config.ToJson(false));
    }

    [Fact]
    public void Substitution_ForwardReference_Works()
    {
        Assert.Equal("""{"a":"x","b":"x"}""", Json("a = ${b}\nb = x"));
    }

    [Fact]
    public void Substitution_SeesLatestValue()
    {
        Assert.Equal(43, Parse("bar : { foo : 42, baz : ${bar.foo} }\nbar : { foo : 43 }").GetInt("bar.baz"));
    }

    [Fact]
    public void Substitution_SiblingInSameObject_IsNoCycle()
    {
        Assert.Equal(1, Parse("a = { x = 1, y = ${a.x} }").GetInt("a.y"));
    }

    [Fact]
    public void Substitution_SelfReference_SeesPreviousValue()
    {
        Assert.Equal("a:b:c:d", Parse("path = \"a:b:c\"\npath = ${path}\":d\"").GetString("path"));
    }

    [Fact]
    public void Substitution_SelfReferenceRepeated_AppendsEachTime()
    {
        Assert.Equal("/a:/x:/y:/z", Parse("path = /a\npath = ${path}\":/x\"\npath = ${path}\":/y\"\npath = ${path}\":/z\"").GetString("path"));
    }

    [Fact]
    public void Substitution_SelfReferenceArray_Appends()
    {
        Assert.Equal("""{"a":[1,2,3]}""", Json("a = [1, 2]\na = ${a} [3]"));
    }

    [Fact]
    public void Substitution_SelfReferenceObject_Merges()
    {
        Assert.Equal("""{"obj":{"a":1,"b":2,"c":3}}""", Json("obj = { a = 1, b = 2 }\nobj = ${obj} { c = 3 }"));
    }

    [Fact]
    public void Substitution_SelfReferenceToChild_FollowsSpecExample()
    {
        AssertJson("""{"foo":{"c":1,"a":2}}""", Json("foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }"));
    }

    [Fact]
    public void Substitution_SelfReferenceInNestedField_SeesPreviousValue()
    {
        Assert.Equal("1x", Parse("a.b = 1\na { b = ${a.b}x }").GetString("a.b"));
    }

    [Fact]
    public void Substitution_SelfReferenceThroughIntermediate_Resolves()
    {
        var config = Parse("foo : [1]\nbar : ${foo}\nfoo : ${bar} [2]");
        Assert.Equal([1, 2], config.GetList("foo").Select(v => int.Parse(((HoconScalar)v).Text, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Substitution_MutuallyReferringObjects_LookForward()
    {
        var config = Parse("bar : { a : ${foo.d}, b : 1 }\nbar.b = 3\nfoo : { c : ${bar.b}, d : 2 }\nfoo.d = 4");
        Assert.Equal(4, config.GetInt("bar.a"));
        Assert.Equal(3, config.GetInt("foo.c"));
    }

    [Fact]
    public void Substitution_SelfReferenceBeforeAnyValue_FailsEvenIfSetLater()
    {
        Assert.Contains("${foo}", Fails("foo : ${foo}\nfoo : { a : 1 }").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Substitution_SelfReferenceToObject_SeesOverriddenValue()
    {
        Assert.Equal("""{"foo":{"a":1}}""", Json("foo : { a : 1 }\nfoo : ${foo}"));
    }

    [Fact]
    public void Substitution_OrderDependentPair_GivesBothSameValue()
    {
        var config = Parse("a : 1\nb : 2\na : ${b}\nb : ${a}");
        Assert.Equal(config.GetInt("a"), config.GetInt("b"));
    }

    [Fact]
    public void Substitution_ThreeStepLoop_Fails()
    {
        Assert.Contains("cycle", Fails("a : ${b}\nb : ${c}\nc : ${a}").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Substitution_BothOptionalUndefined_FieldNotCreated()
    {
        Assert.Equal("{}", Json("foo : ${?bar}${?baz}"));
    }

    [Fact]
    public void Substitution_EmptyEnvironmentVariable_IsEmptyString()
    {
        Assert.Equal(string.Empty, Parse("a = ${E}", new Dictionary<string, string> { ["E"] = string.Empty }).GetString("a"));
    }

    [Fact]
    public void Concatenation_NumberedObjectWithArray_BecomesArray()
    {
        Assert.Equal("""{"o":{"0":"x","1":"y"},"a":[0,"x","y"]}""", Json("o.0 = x\no.1 = y\na = [0] ${o}"));
    }

    [Fact]
    public void PlusEquals_AppendsToExistingArray()
    {
        Assert.Equal("""{"a":[1,2,3]}""", Json("a = [1]\na += 2\na += 3"));
    }

    [Fact]
    public void PlusEquals_OnMissingKey_StartsArray()
    {
        Assert.Equal("""{"x":{"a":["v"]}}""", Json("x { a += v }"));
    }

    [Fact]
    public void PlusEquals_WithSelfReferenceInside_SeesPreviousValue()
    {
        Assert.Equal("""{"a":[1,[1]]}""", Json("a = [1]\na += ${a}"));
    }

    [Fact]
    public void Optional_UndefinedAlone_FieldIsDropped()
    {
        Assert.Equal("""{"b":1}""", Json("a = ${?nope}\nb = 1"));
    }

    [Fact]
    public void Optional_Undefined_KeepsEarlierValue()
    {
        Assert.Equal("""{"a":"default"}""", Json("a = default\na = ${?NOT_SET}"));
    }

    [Fact]
    public void Optional_UndefinedArrayElement_IsDropped()
    {
        Assert.Equal("""{"a":[1,3]}""", Json("a = [1, ${?nope}, 3]"));
    }

    [Fact]
    public void Optional_Defined_IsUsed()
    {
        Assert.Equal("""{"x":2,"a":2}""", Json("x = 2\na = ${?x}"));
    }

    [Fact]
    public void Environment_UsedWhenConfigLacksKey()
    {
        var env = new Dictionary<string, string> { ["HOME"] = "/home/u", ["PORT"] = "8080" };
        var config = Parse("home = ${HOME}\nport = ${?PORT}\nmissing = ${?NOPE}", env);
        Assert.Equal("/home/u", config.GetString("home"));
        Assert.Equal(HoconValueType.String, config.GetValue("port").Type);
        Assert.Equal(8080, config.GetInt("port"));
        Assert.False(config.HasPath("missing"));
    }

    [Fact]
    public void Environment_KeySetInConfig_WinsEvenWhenNull()
    {
        var env = new Dictionary<string, string> { ["HOME"] = "/env", ["X"] = "env" };
        var config = Parse("HOME = /config\nX = null\nh = ${HOME}\nx = ${X}", env);
        Assert.Equal("/config", config.GetString("h"));
        Assert.Equal(HoconValueType.Null, config.GetValue("x").Type);
    }

    [Fact]
    public void Environment_OverridePattern_ReplacesDefault()
    {
        var env = new Dictionary<string, string> { ["CHIMERA_PORT"] = "9000" };
        Assert.Equal(9000, Parse("port = 7000\nport = ${?CHIMERA_PORT}", env).GetInt("port"));
    }

    [Fact]
    public void Environment_SelfReferencePath_UsesEnvironment()
    {
        var env = new Dictionary<string, string> { ["PATH"] = "/bin" };
        Assert.Equal("/bin:/opt", Parse("PATH = ${PATH}\":/opt\"", env).GetString("PATH"));
    }

    [Fact]
    public void Missing_RequiredSubstitution_FailsNamingPathFileAndLine()
    {
        var error = Fails("a = 1\nb = ${x.y}");
        Assert.Equal("test.conf", error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal(5, error.Column);
        Assert.StartsWith("test.conf:2:5: ${x.y} could not be resolved: 'x.y' is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cycle_TwoFields_FailsNamingPath()
    {
        var error = Fails("a = ${b}\nb = ${a}");
        Assert.StartsWith("test.conf:2:5: ${a} is part of a cycle", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
        Assert.Equal(5, error.Column);
        Assert.Contains("${a}", error.Message, StringComparison.Ordinal);
        Assert.Equal("test.conf", error.File);
    }

    [Fact]
    public void Cycle_ObjectContainingItself_Fails()
    {
        Assert.Contains("cycle", Fails("a : { b : ${a} }").Message, StringComparison.Ordinal);
        Assert.Contains("cycle", Fails("a : [ ${a} ]").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cycle_SelfReferenceWithNoEarlierValue_Fails()
    {
        Assert.Contains("cycle", Fails("a = ${a}x").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cycle_OptionalSelfReference_IsUndefined()
    {
        Assert.Equal("""{"a":"x"}""", Json("a = ${?a}x"));
    }

    [Fact]
    public void Substitution_OverriddenDefinition_IsNotResolved()
    {
        Assert.Equal("""{"a":1}""", Json("a = ${missing}\na = 1"));
    }

    [Fact]
    public void Substitution_QuotedPathElement_Works()
    {
        Assert.Equal(1, Parse("\"a.b\" { c = 1 }\nx = ${\"a.b\".c}").GetInt("x"));
    }
}

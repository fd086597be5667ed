using static Chimera.Tests.Configuration.HoconTestInput;

namespace Chimera.Tests.Configuration;

public sealed class ConcatenationTests
{
    [Fact]
    public void Concatenation_UnquotedWords_KeepInnerWhitespace()
    {
        Assert.Equal("foo   bar", Parse("a = foo   bar   ").GetString("a"));
    }

    [Fact]
    public void Concatenation_SubstitutionsAndQuotedSpaces_KeepEveryPart()
    {
        Assert.Equal("x     y", Parse("x = x, y = y\na = ${x} \"   \" ${y}").GetString("a"));
        Assert.Equal("x     y", Parse("x = x, y = y\na = ${x}  \" \"  ${y}").GetString("a"));
    }

    [Fact]
    public void Concatenation_QuotedAndUnquoted_Join()
    {
        Assert.Equal("a b.c d", Parse("v = a \"b.c\" d").GetString("v"));
    }

    [Fact]
    public void Concatenation_NumbersStayNumbersAlone_ButBecomeStringsWhenConcatenated()
    {
        var config = Parse("a = 1.0\nb = 1.0 2\nc = 1.0 foo\nd = true false");
        Assert.Equal("""{"a":1.0,"b":"1.0 2","c":"1.0 foo","d":"true false"}""", config.ToJson(false));
    }

    [Fact]
    public void Concatenation_Arrays_Append()
    {
        Assert.Equal("""{"a":[1,2,3,4]}""", Json("a = [1, 2] [3]   [4]"));
    }

    [Fact]
    public void Concatenation_Objects_Merge()
    {
        Assert.Equal("""{"a":{"x":1,"y":3,"z":4}}""", Json("a = { x = 1, y = 2 } { y = 3 } {z = 4}"));
    }

    [Fact]
    public void Concatenation_ArraysFromSubstitutions_AppendAcrossWhitespace()
    {
        Assert.Equal("""{"x":[1],"y":[2],"a":[1,2]}""", Json("x = [1]\ny = [2]\na = ${x} ${y}"));
    }

    [Fact]
    public void Concatenation_ArrayAndString_Fails()
    {
        var error = Fails("a = [1] foo");
        Assert.Contains("cannot concatenate an array with the string \"foo\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
        Assert.Equal(9, error.Column);
    }

    [Fact]
    public void Concatenation_ObjectAndArray_Fails()
    {
        Assert.Contains("cannot concatenate an object with an array", Fails("a = {x = 1} [1]").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concatenation_QuotedWhitespaceBetweenArrays_Fails()
    {
        Assert.Contains("cannot concatenate", Fails("a = [1] \" \" [2]").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concatenation_UndefinedOptionalSubstitution_IsEmpty()
    {
        Assert.Equal("ab", Parse("a = a${?nope}b").GetString("a"));
        Assert.Equal("""{"a":[1]}""", Json("a = ${?nope} [1]"));
    }

    [Fact]
    public void Concatenation_NullInString_RendersNull()
    {
        Assert.Equal("x null", Parse("a = x null").GetString("a"));
    }
}

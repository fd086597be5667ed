using Chimera.Configuration;
using static Chimera.Tests.Configuration.HoconTestInput;

namespace Chimera.Tests.Configuration;

public sealed class HoconSyntaxTests
{
    [Fact]
    public void Parse_PlainJson_KeepsTypes()
    {
        var config = Parse("""{ "a": 1, "b": "x", "c": true, "d": null, "e": [1.5, -2e3], "f": { "g": false } }""");
        Assert.Equal("""{"a":1,"b":"x","c":true,"d":null,"e":[1.5,-2e3],"f":{"g":false}}""", config.ToJson(false));
        Assert.Equal(HoconValueType.Number, config.GetValue("a").Type);
        Assert.Equal(HoconValueType.Null, config.GetValue("d").Type);
    }

    [Fact]
    public void Parse_RootBracesOmitted_ReadsFields()
    {
        Assert.Equal("""{"a":1,"b":{"c":2}}""", Json("a = 1\nb { c = 2 }"));
    }

    [Fact]
    public void Parse_Comments_AreIgnored()
    {
        Assert.Equal("""{"a":1,"b":"x//y","c":"u"}""", Json("# hash\na = 1 // slashes\nb = \"x//y\" # after\nc = u//v"));
    }

    [Fact]
    public void Parse_SeparatorsColonEqualsOrNoneBeforeBrace_AreEquivalent()
    {
        Assert.Equal("""{"a":{"x":1},"b":{"x":1},"c":{"x":1}}""", Json("a : { x : 1 }\nb = { x = 1 }\nc { x = 1 }"));
    }

    [Fact]
    public void Parse_NewlinesAsSeparators_AndTrailingCommas()
    {
        Assert.Equal("""{"a":[1,2,3],"b":{"x":1,"y":2}}""", Json("a = [\n 1\n 2,\n 3,\n]\nb { x = 1,\n y = 2, },"));
    }

    [Fact]
    public void Parse_NewlineAfterSeparator_IsAllowedLikeJson()
    {
        Assert.Equal("""{"a":1}""", Json("{ \"a\":\n 1 }"));
    }

    [Fact]
    public void Parse_UnquotedStrings_AreStrings()
    {
        var config = Parse("a = hello\nb = some/path-with.dots_x\nc = 10.0.1\nd = truex");
        Assert.Equal("hello", config.GetString("a"));
        Assert.Equal("some/path-with.dots_x", config.GetString("b"));
        Assert.Equal(HoconValueType.String, config.GetValue("c").Type);
        Assert.Equal("10.0.1", config.GetString("c"));
        Assert.Equal(HoconValueType.String, config.GetValue("d").Type);
    }

    [Theory]
    [InlineData("a = b$c")]
    [InlineData("a = b^c")]
    [InlineData("a = b?c")]
    [InlineData("a = b!c")]
    [InlineData("a = b@c")]
    [InlineData("a = b*c")]
    [InlineData("a = b&c")]
    [InlineData("a = b\\c")]
    [InlineData("a = b`c")]
    [InlineData("a = b+c")]
    public void Parse_ForbiddenCharacterInUnquotedString_Fails(string text)
    {
        var error = Fails(text);
        Assert.Equal(1, error.Line);
        Assert.Equal(6, error.Column);
        Assert.Contains("not allowed in an unquoted string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_QuotedStringEscapes_AreDecoded()
    {
        Assert.Equal("a\"b\\c/d\be\ff\ng\rh\ti\u00e9", Parse("""x = "a\"b\\c\/d\be\ff\ng\rh\ti\u00e9" """).GetString("x"));
    }

    [Fact]
    public void Parse_TripleQuotedString_KeepsNewlinesAndBackslashes()
    {
        Assert.Equal("line1\n  line2 \\n \"quoted\"", Parse("x = \"\"\"line1\n  line2 \\n \"quoted\"\"\"\"").GetString("x"));
    }

    [Fact]
    public void Parse_TripleQuotedString_ExtraTrailingQuotesBelongToString()
    {
        Assert.Equal("abc\"\"", Parse("x = \"\"\"abc\"\"\"\"\"").GetString("x"));
    }

    [Fact]
    public void Parse_IncludeQuotedOrNotFirst_IsAField()
    {
        Assert.Equal("""{"include":5,"includes":1,"foo include":42,"x":"include"}""", Json("\"include\" = 5\nincludes = 1\nfoo include : 42\nx = include"));
    }

    [Fact]
    public void Parse_UnquotedIncludeStartingKey_IsReservedForIncludes()
    {
        var error = Fails("a = 1\ninclude = 5");
        Assert.Equal("test.conf:2:9: expected a quoted file name, file(...), url(...), classpath(...) or required(...) after include, found '='; write \"include\" in quotes to use it as a key.", error.Message);
    }

    [Fact]
    public void Parse_UnicodeWhitespace_SeparatesLikeSpace()
    {
        Assert.Equal("""{"a":"x y"}""", Json("a\u00a0=\u2003x y\uFEFF"));
    }

    [Fact]
    public void Parse_CarriageReturnLineEndings_Work()
    {
        Assert.Equal("""{"a":1,"b":2}""", Json("a = 1\r\nb = 2\r\n"));
    }

    [Fact]
    public void Parse_EmptyDocument_IsEmptyObject()
    {
        Assert.Equal("{}", Json("  # nothing\n"));
    }
}

using static Chimera.Tests.Configuration.HoconTestInput;

namespace Chimera.Tests.Configuration;

public sealed class ParseErrorTests
{
    [Fact]
    public void UnexpectedBracketAfterValue_NamesFileLineColumnAndField()
    {
        var error = Fails("chimera {\n  remote {\n    port = 1 ]\n  }\n}", fileName: "worker.conf");
        Assert.Equal("worker.conf:3:14: expected '}' or ',' after the value of 'chimera.remote.port', found ']'.", error.Message);
        Assert.Equal("worker.conf", error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal(14, error.Column);
    }

    [Fact]
    public void UnexpectedBracketWhereKeyExpected_NamesEnclosingObject()
    {
        var error = Fails("chimera {\n  remote {\n    port = 1\n  ]\n}", fileName: "worker.conf");
        Assert.Equal("worker.conf:4:3: expected a key or '}' to close 'chimera.remote', found ']'.", error.Message);
    }

    [Fact]
    public void UnclosedObject_PointsAtEndAndOpeningBrace()
    {
        var error = Fails("a {\n  b = 1\n");
        Assert.Equal("test.conf:3:1: expected '}' to close the object opened at 1:3, found end of file.", error.Message);
    }

    [Fact]
    public void UnclosedArray_Fails()
    {
        Assert.Contains("expected ']' to close the array opened at 1:5", Fails("a = [1, 2").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArrayClosedByBrace_PointsAtOpeningBracket()
    {
        Assert.Equal("test.conf:4:1: expected ']' to close the array opened at 3:6, found '}'.", Fails("a {\n b = 1\n c = [1,2\n}").Message);
    }

    [Fact]
    public void MissingValue_Fails()
    {
        var error = Fails("a = ,b = 1");
        Assert.Contains("expected a value for 'a', found ','", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingSeparator_Fails()
    {
        var error = Fails("a [1]");
        Assert.Equal("test.conf:1:3: expected ':', '=', '+=' or '{' after the key 'a', found '['.", error.Message);
    }

    [Fact]
    public void UnterminatedString_Fails()
    {
        var error = Fails("a = \"abc\nb = 1");
        Assert.Equal(1, error.Line);
        Assert.Equal(5, error.Column);
        Assert.Contains("expected a closing '\"'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadEscape_Fails()
    {
        var error = Fails("a = \"x\\qy\"");
        Assert.Equal(7, error.Column);
        Assert.Contains("found '\\q'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnterminatedTripleQuote_Fails()
    {
        Assert.Contains("expected a closing \"\"\"", Fails("a = \"\"\"abc\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RootArray_Fails()
    {
        Assert.Contains("expected an object at the root", Fails("[1, 2]").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DoubleComma_Fails()
    {
        Assert.Contains("expected a key, found ','", Fails("a = 1,,b = 2").Message, StringComparison.Ordinal);
        Assert.Contains("expected a value", Fails("a = [1,,2]").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyPathElement_Fails()
    {
        Assert.Contains("empty one", Fails("a..b = 1").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubstitutionInKey_Fails()
    {
        Assert.Contains("substitutions are not allowed in keys", Fails("${a} = 1").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnterminatedSubstitution_Fails()
    {
        Assert.Contains("expected '}' to close the substitution", Fails("a = ${b\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValueAfterRootWithoutBraces_NeedsSeparator()
    {
        Assert.Equal("test.conf:1:7: expected ',' or a newline after the value of 'a', found ':'.", Fails("a = b : c").Message);
    }

    [Fact]
    public void StrayClosingBrace_Fails()
    {
        Assert.Contains("no matching '{'", Fails("a = 1\n}").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExceptionIsFormatException()
    {
        Assert.IsAssignableFrom<FormatException>(Fails("a = ["));
    }
}

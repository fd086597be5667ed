using Chimera.Configuration;

namespace Chimera.Tests.Configuration;

public sealed class IncludeTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("chimera-hocon-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static HoconConfig Load(string path) => HoconConfig.ParseFile(path, HoconTestInput.Options());

    [Fact]
    public void Include_QuotedName_MergesAtRoot()
    {
        Write("base.conf", "a = 1\nb { c = 2 }");
        var main = Write("main.conf", "include \"base.conf\"\nb { d = 3 }\na = 10");
        Assert.Equal("""{"a":10,"b":{"c":2,"d":3}}""", Load(main).ToJson(false));
    }

    [Fact]
    public void Include_FileAndRequiredFile_Work()
    {
        Write("one.conf", "x = 1");
        Write("two.conf", "y = 2");
        var main = Write("main.conf", "include file(\"one.conf\")\ninclude required( file( \"two.conf\" ) )");
        Assert.Equal("""{"x":1,"y":2}""", Load(main).ToJson(false));
    }

    [Fact]
    public void Include_InsideObject_PlacesFieldsUnderKey()
    {
        Write("remote.conf", "port = 1\nhost = localhost");
        var main = Write("main.conf", "chimera.remote { include \"remote.conf\"\nport = 2 }");
        Assert.Equal("""{"chimera":{"remote":{"port":2,"host":"localhost"}}}""", Load(main).ToJson(false));
    }

    [Fact]
    public void Include_SubstitutionInIncludedFile_LooksUnderIncludePointFirst()
    {
        Write("inc.conf", "x = 1\ny = ${x}\nz = ${top}");
        var main = Write("main.conf", "x = root\ntop = t\na { include \"inc.conf\" }");
        var config = Load(main);
        Assert.Equal(1, config.GetInt("a.y"));
        Assert.Equal("t", config.GetString("a.z"));
    }

    [Fact]
    public void Include_PlusEqualsInIncludedFile_AppendsUnderIncludePoint()
    {
        Write("inc.conf", "list += 2");
        var main = Write("main.conf", "a { list = [1] }\na { include \"inc.conf\" }");
        Assert.Equal("""{"a":{"list":[1,2]}}""", Load(main).ToJson(false));
    }

    [Fact]
    public void Include_RelativeToNestedIncludedFile_ResolvesAgainstItsFolder()
    {
        Write("conf/sub/leaf.conf", "leaf = true");
        Write("conf/middle.conf", "include \"sub/leaf.conf\"\nmiddle = true");
        Write("leaf.conf", "leaf = wrong");
        var main = Write("main.conf", "include \"conf/middle.conf\"");
        Assert.Equal("""{"leaf":true,"middle":true}""", Load(main).ToJson(false));
    }

    [Fact]
    public void Include_MissingOptional_IsIgnored()
    {
        var main = Write("main.conf", "include \"nope.conf\"\ninclude file(\"nope\")\na = 1");
        Assert.Equal("""{"a":1}""", Load(main).ToJson(false));
    }

    [Fact]
    public void Include_MissingRequired_FailsWithFileAndLine()
    {
        var main = Write("main.conf", "a = 1\n  include required(\"nope.conf\")");
        var error = Assert.Throws<HoconException>(() => Load(main));
        Assert.Equal(main, error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Contains("required include \"nope.conf\" was not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_NameWithoutExtension_MergesJsonAndConf_ConfWins()
    {
        Write("app.json", """{ "a": 1, "b": 1 }""");
        Write("app.conf", "b = 2");
        var main = Write("main.conf", "include \"app\"");
        Assert.Equal("""{"a":1,"b":2}""", Load(main).ToJson(false));
    }

    [Fact]
    public void Include_Cycle_Fails()
    {
        Write("a.conf", "include \"b.conf\"");
        Write("b.conf", "include \"a.conf\"");
        var main = Write("main.conf", "include \"a.conf\"");
        Assert.Contains("include cycle", Assert.Throws<HoconException>(() => Load(main)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("include url(\"http://example.com/a.conf\")", "url(")]
    [InlineData("include classpath(\"reference.conf\")", "classpath(")]
    [InlineData("include \"https://example.com/a.conf\"", "url includes are not supported")]
    public void Include_UnsupportedKinds_FailClearly(string text, string expected)
    {
        var main = Write("main.conf", text);
        var error = Assert.Throws<HoconException>(() => Load(main));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_NewlineBetweenKeywordAndName_IsAllowed()
    {
        Write("one.conf", "x = 1");
        var main = Write("main.conf", "include\n  \"one.conf\", y = 2");
        Assert.Equal("""{"x":1,"y":2}""", Load(main).ToJson(false));
    }

    [Fact]
    public void Include_FileWithArrayRoot_Fails()
    {
        var inc = Write("list.conf", "[1, 2]");
        var main = Write("main.conf", "include \"list.conf\"");
        var error = Assert.Throws<HoconException>(() => Load(main));
        Assert.Equal(inc, error.File);
        Assert.Contains("expected an object at the root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_PropertiesFile_FailsClearly()
    {
        var main = Write("main.conf", "include \"app.properties\"");
        Assert.Contains(".properties file, which is not supported", Assert.Throws<HoconException>(() => Load(main)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_SelfReferenceInIncludedFile_SeesValueBeforeInclude()
    {
        Write("inc.conf", "path = ${path}\":/inc\"");
        var main = Write("main.conf", "a.path = /base\na { include \"inc.conf\" }");
        Assert.Equal("/base:/inc", Load(main).GetString("a.path"));
    }

    [Fact]
    public void Include_IncludedFileOverriddenAfterwards_SubstitutionSeesOverride()
    {
        Write("foo.conf", "{ x : 10, y : ${x} }");
        var main = Write("main.conf", "a : { include \"foo.conf\" }\na : { x : 42 }");
        Assert.Equal(42, Load(main).GetInt("a.y"));
    }

    [Fact]
    public void ParseFile_Missing_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => Load(Path.Combine(root, "absent.conf")));
    }

    [Fact]
    public void Include_ErrorInIncludedFile_NamesThatFile()
    {
        var inc = Write("bad.conf", "a = 1\nb = [1,");
        var main = Write("main.conf", "include \"bad.conf\"");
        var error = Assert.Throws<HoconException>(() => Load(main));
        Assert.Equal(inc, error.File);
        Assert.Equal(2, error.Line);
    }
}

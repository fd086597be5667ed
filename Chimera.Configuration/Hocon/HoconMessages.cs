using System.Globalization;

namespace Chimera.Configuration.Hocon;

/// <summary>
/// Every HOCON error message in one place, so wording stays consistent ("expected X, found Y") and tests can
/// assert the exact text. Locations are added by <see cref="HoconException"/>, never here.
/// </summary>
internal static class HoconMessages
{
    /// <summary>What may follow <c>include</c>.</summary>
    public const string IncludeForms = "a quoted file name, file(...), url(...), classpath(...) or required(...)";

    /// <summary>A character that cannot appear outside quotes.</summary>
    public static string NotAllowedUnquoted(char c) => $"'{c}' is not allowed in an unquoted string; quote the text that contains it.";

    /// <summary>A quoted string that reaches the end of the line.</summary>
    public static string UnterminatedString() => "expected a closing '\"' before the end of the line; use \"\"\" for a multi-line string.";

    /// <summary>A raw control character inside a quoted string.</summary>
    public static string ControlCharacter(char c) => $"control character U+{(int)c:X4} must be escaped in a quoted string.";

    /// <summary>An escape sequence JSON does not define.</summary>
    public static string BadEscape(char found) =>
        $"expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, found '\\{(found == '\0' ? string.Empty : found.ToString())}'.";

    /// <summary>A <c>"""</c> string that never closes.</summary>
    public static string UnterminatedTripleQuote() => "expected a closing \"\"\" for the multi-line string, found end of file.";

    /// <summary>A <c>${</c> that never closes on its line.</summary>
    public static string UnterminatedSubstitution() => "expected '}' to close the substitution '${' on the same line.";

    /// <summary>Content after a braced root object.</summary>
    public static string TrailingAfterRoot(string found) => $"expected end of file after the root object, found {found}.";

    /// <summary>A document whose root is an array.</summary>
    public static string RootIsArray() => "expected an object at the root of the document, found '['; a configuration's root cannot be an array.";

    /// <summary>An object still open at the end of the file.</summary>
    public static string UnclosedObject(HoconOrigin open) => $"expected '}}' to close the object opened at {open.Line}:{open.Column}, found end of file.";

    /// <summary>A '}' in a root without braces.</summary>
    public static string StrayCloseBrace() => "found '}' with no matching '{'.";

    /// <summary>Something other than a separator after a field.</summary>
    public static string ExpectedAfterField(bool braced, string? field, string found) =>
        $"expected {(braced ? "'}' or ','" : "',' or a newline")} after {(field is null ? "the include" : $"the value of '{field}'")}, found {found}.";

    /// <summary>A key with no ':', '=', '+=' or '{' after it.</summary>
    public static string ExpectedKeyValueSeparator(string key, string found) => $"expected ':', '=', '+=' or '{{' after the key '{key}', found {found}.";

    /// <summary>No key where a field should start.</summary>
    public static string ExpectedKey(bool braced, string objectPath, string found) =>
        $"expected {(!braced ? "a key" : objectPath.Length == 0 ? "a key or '}' to close the object" : $"a key or '}}' to close '{objectPath}'")}, found {found}.";

    /// <summary>How a substitution found where a key belongs is described.</summary>
    public static string SubstitutionInKey(string substitution) => $"{substitution}; substitutions are not allowed in keys";

    /// <summary>An empty unquoted key element, as in <c>a..b</c>.</summary>
    public static string EmptyKeyElement(string near) => $"expected a key element around '{near}', found an empty one; quote it (\"\") if an empty key is meant.";

    /// <summary>No value after a separator or in an array.</summary>
    public static string ExpectedValue(string path, string found) => $"expected a value for '{path}', found {found}.";

    /// <summary>An array not closed before the end or a '}'.</summary>
    public static string UnclosedArray(HoconOrigin open, string found) => $"expected ']' to close the array opened at {open.Line}:{open.Column}, found {found}.";

    /// <summary>Something other than ',' or ']' after an element.</summary>
    public static string ExpectedAfterElement(int index, string path, string found) => $"expected ']' or ',' after element {index} of '{path}', found {found}.";

    /// <summary>An <c>include</c> followed by something other than a resource.</summary>
    public static string ExpectedIncludeResource(string found) => $"expected {IncludeForms} after include, found {found}; write \"include\" in quotes to use it as a key.";

    /// <summary>Extra content after a complete include.</summary>
    public static string ExpectedIncludeEnd(string found) => $"expected the end of the include statement, found {found}.";

    /// <summary>An unknown word in an include.</summary>
    public static string ExpectedIncludeForm(bool insideRequired, string found) =>
        $"expected {(insideRequired ? "file(...), url(...) or classpath(...) inside required(...)" : IncludeForms)}, found {found}.";

    /// <summary>A resource name that is not quoted.</summary>
    public static string ExpectedQuotedIncludeName(string kind, string found) => $"expected a quoted name inside {kind}(...), found {found}.";

    /// <summary>An include that stops too early.</summary>
    public static string IncompleteInclude(string expected) => $"expected {expected} to complete the include statement, found the end of the statement.";

    /// <summary>A missing parenthesis in an include.</summary>
    public static string ExpectedIncludeParenthesis(string parenthesis, string found) => $"expected '{parenthesis}' in the include statement, found {found}.";

    /// <summary><c>url(...)</c> includes.</summary>
    public static string UrlIncludeUnsupported(string name) => $"url(\"{name}\") includes are not supported; download the file and include it with file(...).";

    /// <summary><c>classpath(...)</c> includes.</summary>
    public static string ClasspathIncludeUnsupported(string name) => $"classpath(\"{name}\") includes are not supported (.NET has no classpath); include the file with file(...).";

    /// <summary>A heuristic include naming an http(s) URL.</summary>
    public static string HeuristicUrlUnsupported(string name) => $"include \"{name}\" names a URL, and url includes are not supported; download the file and include it with file(...).";

    /// <summary>A Java properties include.</summary>
    public static string PropertiesUnsupported(string name) => $"include \"{name}\" is a Java .properties file, which is not supported; convert it to .conf (a.b = value lines are valid HOCON).";

    /// <summary>A <c>required(...)</c> include whose file does not exist.</summary>
    public static string RequiredIncludeMissing(string name, IEnumerable<string> candidates) =>
        $"required include \"{name}\" was not found; looked for {string.Join(" and ", candidates.Select(c => $"'{c}'"))}.";

    /// <summary>A file that includes itself, directly or not.</summary>
    public static string IncludeCycle(IEnumerable<string?> files) => $"include cycle: {string.Join(" -> ", files)}; a file cannot include itself.";

    /// <summary>Includes nested beyond the limit.</summary>
    public static string IncludeTooDeep(int limit) => $"includes nest deeper than {limit} files; is there an include cycle?";

    /// <summary>An included file that exists but cannot be read.</summary>
    public static string IncludeUnreadable(string file, string reason) => $"cannot read the included file '{file}': {reason}";

    /// <summary>An empty path expression.</summary>
    public static string EmptyPath() => "expected a path expression, found an empty path.";

    /// <summary>A forbidden character in a path expression.</summary>
    public static string NotAllowedInPath(char c, string path) => $"'{c}' is not allowed in the path '{path}'; quote the element that contains it.";

    /// <summary>An unclosed quote in a path expression.</summary>
    public static string UnclosedQuoteInPath(string path) => $"expected a closing '\"' in the path '{path}'.";

    /// <summary>An empty unquoted element in a path expression.</summary>
    public static string EmptyPathElement(string path) => $"the path '{path}' has an empty element; quote it (\"\") if an empty key is meant.";

    /// <summary>A substitution whose value is needed while it is being computed.</summary>
    public static string Cycle(string substitution, string field, string chain) => $"{substitution} is part of a cycle: '{field}' depends on itself through {chain}.";

    /// <summary>A self-reference with nothing before it to look back at.</summary>
    public static string SelfReferenceWithoutEarlierValue(string substitution, string path, string chain) =>
        $"{substitution} is part of a cycle: '{path}' refers to itself through {chain} and has no earlier value to build on.";

    /// <summary>A required substitution that neither the config nor the environment sets.</summary>
    public static string SubstitutionMissing(string substitution, string looked, string variable, string path) =>
        $"{substitution} could not be resolved: {looked} not set in the configuration and there is no environment variable '{variable}'; set it, or write ${{?{path}}} if it may be missing.";

    /// <summary>A concatenation mixing kinds.</summary>
    public static string CannotConcatenate(string first, string other, string? field) =>
        $"cannot concatenate {first} with {other}{(field is null ? string.Empty : $" in the value of '{field}'")}; only strings, only arrays or only objects can be concatenated.";

    /// <summary>A getter applied to a value of another type.</summary>
    public static string WrongType(string path, string found, string expected) => $"'{path}' is {found}, but {expected} was expected.";

    /// <summary>An integer too large for <see cref="int"/>.</summary>
    public static string IntOutOfRange(string path, long value) =>
        string.Create(CultureInfo.InvariantCulture, $"'{path}' is {value}, outside the range of a 32-bit integer; expected a value from {int.MinValue} to {int.MaxValue}.");

    /// <summary>A value that is not a duration.</summary>
    public static string NotADuration(string path, string found, string problem) => $"'{path}' is {found}, which is not a duration: {problem}.";

    /// <summary>A value that is not a size in bytes.</summary>
    public static string NotASize(string path, string found, string problem) => $"'{path}' is {found}, which is not a size in bytes: {problem}.";

    /// <summary>A duration that is not a number and a unit.</summary>
    public static string DurationShape(string spellings) => $"expected a number followed by an optional unit ({spellings})";

    /// <summary>A duration unit the specification does not define.</summary>
    public static string UnknownDurationUnit(string unit, string spellings) => $"'{unit}' is not a duration unit; expected one of {spellings} (lowercase)";

    /// <summary>A duration beyond 64-bit nanoseconds.</summary>
    public static string DurationOverflow() => "the duration does not fit in 64-bit nanoseconds (about 292 years)";

    /// <summary>A size that is not a number and a unit.</summary>
    public static string SizeShape() => "expected a number followed by an optional size unit (B, kB, KiB, MB, MiB, G, ...)";

    /// <summary>A size unit the specification does not define.</summary>
    public static string UnknownSizeUnit(string unit) =>
        $"'{unit}' is not a size unit; expected one of B, b, byte, bytes, kB, kilobyte(s), K, k, Ki, KiB, kibibyte(s), MB, megabyte(s), M, m, Mi, MiB, mebibyte(s), and likewise G, T, P, E, Z, Y";

    /// <summary>A size beyond a 64-bit count of bytes.</summary>
    public static string SizeOverflow(string text, decimal bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{text} is {bytes} bytes, more than a 64-bit count of bytes holds");

    /// <summary>A getter on a path that is not set.</summary>
    public static string NotSet(string path) => $"'{path}' is not set in the configuration; add it, or use a TryGet method if it is optional.";
}

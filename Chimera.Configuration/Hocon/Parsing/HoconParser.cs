using Chimera.Configuration.Hocon.Syntax;

namespace Chimera.Configuration.Hocon.Parsing;

/// <summary>
/// Builds the syntax tree of one HOCON file. Paths inside the parser are relative to the file's root;
/// <see cref="prefix"/> places an included file at its include point.
/// </summary>
internal sealed partial class HoconParser
{
    /// <summary>The file's tokens, ending with <see cref="TokenKind.End"/>.</summary>
    private readonly List<Token> tokens;

    /// <summary>The file name used in origins and to name included files.</summary>
    private readonly string file;

    /// <summary>The folder relative includes resolve against, or <see langword="null"/> for the base directory.</summary>
    private readonly string? directory;

    /// <summary>The include point's path (empty for the top document).</summary>
    private readonly IReadOnlyList<string> prefix;

    /// <summary>State shared with included files.</summary>
    private readonly ParseContext context;

    /// <summary>The index of the next token.</summary>
    private int index;

    /// <summary>Creates a parser for one file.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="file">The file name used in origins.</param>
    /// <param name="directory">The folder relative includes resolve against.</param>
    /// <param name="prefix">The include point's path.</param>
    /// <param name="context">State shared with included files.</param>
    private HoconParser(string text, string file, string? directory, IReadOnlyList<string> prefix, ParseContext context)
    {
        tokens = HoconTokenizer.Tokenize(text, file);
        this.file = file;
        this.directory = directory;
        this.prefix = prefix;
        this.context = context;
    }

    /// <summary>The next token, not consumed.</summary>
    private Token Current => tokens[index];

    /// <summary>Parses a document whose root must be an object (braces optional).</summary>
    /// <param name="text">The text.</param>
    /// <param name="file">The file name used in origins.</param>
    /// <param name="directory">The folder relative includes resolve against.</param>
    /// <param name="prefix">The include point's path (empty for the top document).</param>
    /// <param name="context">State shared with included files.</param>
    /// <returns>The root object.</returns>
    public static ObjectNode Parse(string text, string file, string? directory, IReadOnlyList<string> prefix, ParseContext context) =>
        new HoconParser(text, file, directory, prefix, context).ParseDocument();

    /// <summary>Parses the root: either one braced object, or fields with the braces omitted.</summary>
    /// <returns>The root object.</returns>
    private ObjectNode ParseDocument()
    {
        SkipWhitespaceAndNewlines();
        var root = new ObjectNode(prefix, Current.Origin);
        if (Current.Kind == TokenKind.OpenBrace)
        {
            var open = Next();
            ParseObjectBody(root, [], open);
            SkipWhitespaceAndNewlines();
            if (Current.Kind != TokenKind.End)
            {
                throw Error(Current, HoconMessages.TrailingAfterRoot(Current.Describe()));
            }
        }
        else if (Current.Kind == TokenKind.OpenBracket)
        {
            throw Error(Current, HoconMessages.RootIsArray());
        }
        else
        {
            ParseObjectBody(root, [], null);
        }

        return root;
    }

    /// <summary>Parses fields until the closing brace (or the end, for a root without braces).</summary>
    /// <param name="target">The object receiving the fields.</param>
    /// <param name="path">The object's path relative to this file's root.</param>
    /// <param name="open">The opening brace, or <see langword="null"/> for a root without braces.</param>
    private void ParseObjectBody(ObjectNode target, IReadOnlyList<string> path, Token? open)
    {
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Current;
            if (token.Kind == TokenKind.End)
            {
                if (open is { } o)
                {
                    throw Error(token, HoconMessages.UnclosedObject(o.Origin));
                }

                return;
            }

            if (token.Kind == TokenKind.CloseBrace)
            {
                if (open is null)
                {
                    throw Error(token, HoconMessages.StrayCloseBrace());
                }

                Next();
                return;
            }

            var fieldPath = IsIncludeStart() ? ParseInclude(target, path) : ParseField(target, path, open is not null);
            SkipWhitespace();
            token = Current;
            if (token.Kind == TokenKind.Comma)
            {
                Next();
            }
            else if (token.Kind is not (TokenKind.Newline or TokenKind.End or TokenKind.CloseBrace))
            {
                var field = fieldPath is null ? null : HoconPath.Render([.. prefix, .. fieldPath]);
                throw Error(token, HoconMessages.ExpectedAfterField(open is not null, field, token.Describe()));
            }
        }
    }

    /// <summary>Parses one <c>key = value</c>, <c>key : value</c>, <c>key { ... }</c> or <c>key += value</c>.</summary>
    /// <param name="target">The object receiving the field.</param>
    /// <param name="path">The object's path relative to this file's root.</param>
    /// <param name="braced">Whether the object has braces (so '}' could have closed it), for messages.</param>
    /// <returns>The field's path relative to this file's root.</returns>
    private List<string> ParseField(ObjectNode target, IReadOnlyList<string> path, bool braced)
    {
        var key = ParseKey(path, braced);
        var fieldPath = new List<string>(path);
        fieldPath.AddRange(key);
        SkipWhitespace();
        var separator = Current;
        SyntaxNode value;
        switch (separator.Kind)
        {
            case TokenKind.OpenBrace:
                value = ParseValue(fieldPath);
                break;
            case TokenKind.Colon or TokenKind.Equals:
                Next();
                SkipWhitespaceAndNewlines();
                value = ParseValue(fieldPath);
                break;
            case TokenKind.PlusEquals:
                Next();
                SkipWhitespaceAndNewlines();
                var appended = ParseValue(fieldPath);
                var self = new SubstitutionNode(fieldPath, optional: true, prefix, fallbackToRoot: false, separator.Origin);
                value = new ConcatenationNode([self, new ArrayNode([appended], appended.Origin)], separator.Origin);
                break;
            default:
                throw Error(separator, HoconMessages.ExpectedKeyValueSeparator(HoconPath.Render(key), separator.Describe()));
        }

        AddAtPath(target, path, key, value);
        return fieldPath;
    }

    /// <summary>Adds a value under a dotted key, nesting it in one object per extra path element.</summary>
    /// <param name="target">The object receiving the field.</param>
    /// <param name="path">The object's path relative to this file's root.</param>
    /// <param name="key">The key's elements.</param>
    /// <param name="value">The value.</param>
    private void AddAtPath(ObjectNode target, IReadOnlyList<string> path, List<string> key, SyntaxNode value)
    {
        for (var i = key.Count - 1; i > 0; i--)
        {
            var wrapper = new ObjectNode([.. prefix, .. path, .. key.Take(i)], value.Origin);
            wrapper.Add(key[i], value);
            value = wrapper;
        }

        target.Add(key[0], value);
    }

    /// <summary>
    /// Parses a key: unquoted text splits on dots, quoted text is one element, and whitespace between
    /// parts belongs to the key (<c>a b.c</c> is <c>"a b"</c> then <c>c</c>).
    /// </summary>
    /// <param name="path">The enclosing object's path relative to this file's root, for messages.</param>
    /// <param name="braced">Whether the enclosing object has braces, for messages.</param>
    /// <returns>The key's elements.</returns>
    private List<string> ParseKey(IReadOnlyList<string> path, bool braced)
    {
        var parts = new List<Token>();
        while (Current.Kind is TokenKind.Unquoted or TokenKind.QuotedString or TokenKind.Whitespace)
        {
            parts.Add(Next());
        }

        while (parts.Count > 0 && parts[^1].Kind == TokenKind.Whitespace)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        if (parts.Count == 0)
        {
            var found = Current.Kind == TokenKind.Substitution ? HoconMessages.SubstitutionInKey(Current.Describe()) : Current.Describe();
            throw Error(Current, HoconMessages.ExpectedKey(braced, HoconPath.Render([.. prefix, .. path]), found));
        }

        var elements = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var part in parts)
        {
            if (part.Kind != TokenKind.Unquoted)
            {
                current.Append(part.Text);
                quoted |= part.Kind == TokenKind.QuotedString;
                continue;
            }

            var pieces = part.Text.Split('.');
            for (var i = 0; i < pieces.Length; i++)
            {
                if (i > 0)
                {
                    FinishKeyElement(elements, current, quoted, part);
                    quoted = false;
                }

                current.Append(pieces[i]);
            }
        }

        FinishKeyElement(elements, current, quoted, parts[^1]);
        return elements;
    }

    /// <summary>Ends a key element, rejecting empty unquoted ones such as in <c>a..b</c>.</summary>
    /// <param name="elements">The elements so far.</param>
    /// <param name="current">The element being built; cleared.</param>
    /// <param name="quoted">Whether any part was quoted.</param>
    /// <param name="at">The token being read, for errors.</param>
    private static void FinishKeyElement(List<string> elements, System.Text.StringBuilder current, bool quoted, Token at)
    {
        if (current.Length == 0 && !quoted)
        {
            throw new HoconException(at.Origin, HoconMessages.EmptyKeyElement(at.Text));
        }

        elements.Add(current.ToString());
        current.Clear();
    }

    /// <summary>Consumes the next token.</summary>
    /// <returns>The token.</returns>
    private Token Next() => tokens[index < tokens.Count - 1 ? index++ : index];

    /// <summary>Skips inline whitespace.</summary>
    private void SkipWhitespace()
    {
        while (Current.Kind == TokenKind.Whitespace)
        {
            index++;
        }
    }

    /// <summary>Skips whitespace and newlines.</summary>
    private void SkipWhitespaceAndNewlines()
    {
        while (Current.Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            index++;
        }
    }

    /// <summary>Builds a parse error at a token.</summary>
    /// <param name="at">The offending token.</param>
    /// <param name="message">What was expected and found.</param>
    /// <returns>The exception to throw.</returns>
    private static HoconException Error(Token at, string message) => new(at.Origin, message);
}

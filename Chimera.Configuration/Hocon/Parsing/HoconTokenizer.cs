using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Chimera.Configuration.Hocon.Parsing;

/// <summary>Splits HOCON text into tokens, dropping comments but keeping newlines and inline whitespace.</summary>
internal sealed partial class HoconTokenizer
{
    /// <summary>The text being read.</summary>
    private readonly string text;

    /// <summary>The file name used in origins.</summary>
    private readonly string file;

    /// <summary>The tokens read so far.</summary>
    private readonly List<Token> tokens = [];

    /// <summary>The index of the next character.</summary>
    private int pos;

    /// <summary>The 1-based line of the next character.</summary>
    private int line = 1;

    /// <summary>The 1-based column of the next character.</summary>
    private int column = 1;

    /// <summary>Creates a tokenizer over <paramref name="text"/>.</summary>
    /// <param name="text">The HOCON text.</param>
    /// <param name="file">The file name used in origins.</param>
    private HoconTokenizer(string text, string file)
    {
        this.text = text;
        this.file = file;
    }

    /// <summary>Tokenizes a whole document; the last token is <see cref="TokenKind.End"/>.</summary>
    /// <param name="text">The HOCON text.</param>
    /// <param name="file">The file name used in origins.</param>
    /// <returns>The tokens.</returns>
    public static List<Token> Tokenize(string text, string file)
    {
        var tokenizer = new HoconTokenizer(text, file);
        tokenizer.Run();
        return tokenizer.tokens;
    }

    /// <summary>The origin of the next character.</summary>
    private HoconOrigin Here => new(file, line, column);

    /// <summary>Reads every token.</summary>
    private void Run()
    {
        while (pos < text.Length)
        {
            var c = text[pos];
            var origin = Here;
            if (c == '\n')
            {
                Advance(1);
                tokens.Add(new Token(TokenKind.Newline, "\n", origin));
            }
            else if (HoconCharacters.IsWhitespace(c))
            {
                var start = pos;
                while (pos < text.Length && text[pos] != '\n' && HoconCharacters.IsWhitespace(text[pos]))
                {
                    Advance(1);
                }

                tokens.Add(new Token(TokenKind.Whitespace, text[start..pos], origin));
            }
            else if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                while (pos < text.Length && text[pos] != '\n')
                {
                    Advance(1);
                }
            }
            else if (c == '"')
            {
                ReadString(origin);
            }
            else if (c == '$' && Peek(1) == '{')
            {
                ReadSubstitution(origin);
            }
            else if (c == '+' && Peek(1) == '=')
            {
                Advance(2);
                tokens.Add(new Token(TokenKind.PlusEquals, "+=", origin));
            }
            else if (Punctuation(c) is { } kind)
            {
                Advance(1);
                tokens.Add(new Token(kind, c.ToString(), origin));
            }
            else if (HoconCharacters.IsForbidden(c))
            {
                throw new HoconException(origin, HoconMessages.NotAllowedUnquoted(c));
            }
            else
            {
                ReadUnquoted(origin);
            }
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, Here));
    }

    /// <summary>Maps a single-character punctuation to its token kind.</summary>
    /// <param name="c">The character.</param>
    /// <returns>The kind, or <see langword="null"/> if it is not punctuation.</returns>
    private static TokenKind? Punctuation(char c) => c switch
    {
        '{' => TokenKind.OpenBrace,
        '}' => TokenKind.CloseBrace,
        '[' => TokenKind.OpenBracket,
        ']' => TokenKind.CloseBracket,
        ',' => TokenKind.Comma,
        ':' => TokenKind.Colon,
        '=' => TokenKind.Equals,
        _ => null,
    };

    /// <summary>The character <paramref name="offset"/> places ahead, or NUL past the end.</summary>
    /// <param name="offset">How far ahead.</param>
    /// <returns>The character.</returns>
    private char Peek(int offset) => pos + offset < text.Length ? text[pos + offset] : '\0';

    /// <summary>Moves forward, keeping line and column in step.</summary>
    /// <param name="count">How many characters.</param>
    private void Advance(int count)
    {
        for (var i = 0; i < count && pos < text.Length; i++)
        {
            if (text[pos] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }

            pos++;
        }
    }

    /// <summary>Reads unquoted text up to a forbidden character, whitespace or a <c>//</c> comment.</summary>
    /// <param name="origin">Where it starts.</param>
    private void ReadUnquoted(HoconOrigin origin)
    {
        var start = pos;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c == '+' && IsExponentSign(start))
            {
                Advance(1);
                continue;
            }

            if (HoconCharacters.IsForbidden(c) || HoconCharacters.IsWhitespace(c) || (c == '/' && Peek(1) == '/'))
            {
                break;
            }

            Advance(1);
        }

        tokens.Add(new Token(TokenKind.Unquoted, text[start..pos], origin));
    }

    /// <summary>
    /// Whether a '+' at the current position is the sign of a JSON number's exponent (<c>1e+5</c>), the one
    /// place '+' may appear outside quotes.
    /// </summary>
    /// <param name="start">Where the unquoted text started.</param>
    /// <returns>Whether the text so far is a number up to its 'e'.</returns>
    private bool IsExponentSign(int start) =>
        pos > start && text[pos - 1] is 'e' or 'E' && ExponentPrefix().IsMatch(text.AsSpan(start, pos - start));

    /// <summary>A JSON number up to the 'e' of its exponent.</summary>
    /// <returns>The pattern.</returns>
    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?[eE]$", RegexOptions.CultureInvariant)]
    private static partial Regex ExponentPrefix();

    /// <summary>Reads a quoted or triple-quoted string starting at its first quote.</summary>
    /// <param name="origin">Where it starts.</param>
    private void ReadString(HoconOrigin origin)
    {
        if (Peek(1) == '"' && Peek(2) == '"')
        {
            ReadTripleQuoted(origin);
            return;
        }

        Advance(1);
        var sb = new StringBuilder();
        while (true)
        {
            if (pos >= text.Length || text[pos] == '\n')
            {
                throw new HoconException(origin, HoconMessages.UnterminatedString());
            }

            var c = text[pos];
            if (c == '"')
            {
                Advance(1);
                break;
            }

            if (c == '\\')
            {
                ReadEscape(sb);
                continue;
            }

            if (c < ' ')
            {
                throw new HoconException(Here, HoconMessages.ControlCharacter(c));
            }

            sb.Append(c);
            Advance(1);
        }

        tokens.Add(new Token(TokenKind.QuotedString, sb.ToString(), origin));
    }

    /// <summary>Decodes a JSON escape sequence starting at the backslash.</summary>
    /// <param name="into">Receives the decoded character.</param>
    private void ReadEscape(StringBuilder into)
    {
        var origin = Here;
        var e = Peek(1);
        char? simple = e switch
        {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'b' => '\b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            _ => null,
        };
        if (simple is { } s)
        {
            into.Append(s);
            Advance(2);
            return;
        }

        if (e == 'u' && pos + 6 <= text.Length
            && int.TryParse(text.AsSpan(pos + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            into.Append((char)code);
            Advance(6);
            return;
        }

        throw new HoconException(origin, HoconMessages.BadEscape(e));
    }

    /// <summary>
    /// Reads a <c>"""</c> string: no escapes, newlines allowed, and quotes beyond the closing three
    /// belong to the string.
    /// </summary>
    /// <param name="origin">Where it starts.</param>
    private void ReadTripleQuoted(HoconOrigin origin)
    {
        Advance(3);
        var start = pos;
        while (pos < text.Length)
        {
            if (text[pos] == '"' && Peek(1) == '"' && Peek(2) == '"')
            {
                while (Peek(3) == '"')
                {
                    Advance(1);
                }

                var content = text[start..pos];
                Advance(3);
                tokens.Add(new Token(TokenKind.QuotedString, content, origin));
                return;
            }

            Advance(1);
        }

        throw new HoconException(origin, HoconMessages.UnterminatedTripleQuote());
    }

    /// <summary>Reads <c>${path}</c> or <c>${?path}</c>, keeping quoted parts of the path intact.</summary>
    /// <param name="origin">Where it starts.</param>
    private void ReadSubstitution(HoconOrigin origin)
    {
        Advance(2);
        var optional = false;
        if (Peek(0) == '?')
        {
            optional = true;
            Advance(1);
        }

        var start = pos;
        var inQuotes = false;
        while (pos < text.Length && text[pos] != '\n')
        {
            var c = text[pos];
            if (inQuotes && c == '\\')
            {
                Advance(2);
                continue;
            }

            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (c == '}' && !inQuotes)
            {
                var path = text[start..pos];
                Advance(1);
                tokens.Add(new Token(TokenKind.Substitution, path, origin, optional));
                return;
            }

            Advance(1);
        }

        throw new HoconException(origin, HoconMessages.UnterminatedSubstitution());
    }
}

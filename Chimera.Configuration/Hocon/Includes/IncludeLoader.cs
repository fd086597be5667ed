using Chimera.Configuration.Hocon.Parsing;
using Chimera.Configuration.Hocon.Syntax;

namespace Chimera.Configuration.Hocon.Includes;

/// <summary>Finds, reads and parses the file an include statement names.</summary>
internal static class IncludeLoader
{
    /// <summary>Loads an include, merging the <c>.json</c> and <c>.conf</c> variants of a name without extension.</summary>
    /// <param name="spec">The include statement.</param>
    /// <param name="directory">The including file's folder, or <see langword="null"/> for the base directory.</param>
    /// <param name="prefix">The include point's full path.</param>
    /// <param name="context">State shared by the document's files.</param>
    /// <returns>The included object, or <see langword="null"/> when an optional include is missing.</returns>
    public static ObjectNode? Load(IncludeSpec spec, string? directory, IReadOnlyList<string> prefix, ParseContext context)
    {
        var name = spec.Name;
        switch (spec.Kind)
        {
            case IncludeKind.Url:
                throw new HoconException(spec.Origin, HoconMessages.UrlIncludeUnsupported(name));
            case IncludeKind.Classpath:
                throw new HoconException(spec.Origin, HoconMessages.ClasspathIncludeUnsupported(name));
            case IncludeKind.Heuristic when Uri.TryCreate(name, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https":
                throw new HoconException(spec.Origin, HoconMessages.HeuristicUrlUnsupported(name));
            case IncludeKind.Heuristic when name.StartsWith("file:", StringComparison.Ordinal) && Uri.TryCreate(name, UriKind.Absolute, out var fileUri):
                name = fileUri.LocalPath;
                break;
        }

        if (string.Equals(Path.GetExtension(name), ".properties", StringComparison.OrdinalIgnoreCase))
        {
            throw new HoconException(spec.Origin, HoconMessages.PropertiesUnsupported(name));
        }

        var baseDirectory = directory ?? context.Options.BaseDirectory ?? Directory.GetCurrentDirectory();
        var path = Path.IsPathRooted(name) ? name : Path.Combine(baseDirectory, name);
        string[] candidates = Path.HasExtension(name) || File.Exists(path) ? [path] : [path + ".json", path + ".conf"];
        var found = candidates.Where(File.Exists).ToList();
        if (found.Count == 0)
        {
            if (spec.Required)
            {
                throw new HoconException(spec.Origin, HoconMessages.RequiredIncludeMissing(spec.Name, candidates));
            }

            return null;
        }

        var merged = new ObjectNode(prefix, spec.Origin);
        foreach (var file in found)
        {
            merged.MergeFrom(ParseFile(file, spec, prefix, context));
        }

        return merged;
    }

    /// <summary>Parses one included file, guarding against include cycles.</summary>
    /// <param name="file">The file's path.</param>
    /// <param name="spec">The include statement, for errors.</param>
    /// <param name="prefix">The include point's full path.</param>
    /// <param name="context">State shared by the document's files.</param>
    /// <returns>The file's root object.</returns>
    private static ObjectNode ParseFile(string file, IncludeSpec spec, IReadOnlyList<string> prefix, ParseContext context)
    {
        var fullPath = Path.GetFullPath(file);
        if (context.IncludeChain.Contains(fullPath, StringComparer.Ordinal))
        {
            throw new HoconException(spec.Origin, HoconMessages.IncludeCycle(context.IncludeChain.Append(fullPath).Select(Path.GetFileName)));
        }

        if (context.IncludeChain.Count >= ParseContext.MaxIncludeDepth)
        {
            throw new HoconException(spec.Origin, HoconMessages.IncludeTooDeep(ParseContext.MaxIncludeDepth));
        }

        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HoconException(spec.Origin, HoconMessages.IncludeUnreadable(file, e.Message));
        }

        context.IncludeChain.Add(fullPath);
        try
        {
            return HoconParser.Parse(text, file, Path.GetDirectoryName(file), prefix, context);
        }
        finally
        {
            context.IncludeChain.RemoveAt(context.IncludeChain.Count - 1);
        }
    }
}

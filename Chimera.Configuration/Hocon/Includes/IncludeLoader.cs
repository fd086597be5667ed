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
                throw new HoconException(spec.Origin, $"url(\"{name}\") includes are not supported; download the file and include it with file(...).");
            case IncludeKind.Classpath:
                throw new HoconException(spec.Origin, $"classpath(\"{name}\") includes are not supported (.NET has no classpath); include the file with file(...).");
            case IncludeKind.Heuristic when Uri.TryCreate(name, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https":
                throw new HoconException(spec.Origin, $"include \"{name}\" names a URL, and url includes are not supported; download the file and include it with file(...).");
            case IncludeKind.Heuristic when name.StartsWith("file:", StringComparison.Ordinal) && Uri.TryCreate(name, UriKind.Absolute, out var fileUri):
                name = fileUri.LocalPath;
                break;
        }

        if (string.Equals(Path.GetExtension(name), ".properties", StringComparison.OrdinalIgnoreCase))
        {
            throw new HoconException(spec.Origin, $"include \"{name}\" is a Java .properties file, which is not supported; convert it to .conf (a.b = value lines are valid HOCON).");
        }

        var baseDirectory = directory ?? context.Options.BaseDirectory ?? Directory.GetCurrentDirectory();
        var path = Path.IsPathRooted(name) ? name : Path.Combine(baseDirectory, name);
        string[] candidates = Path.HasExtension(name) || File.Exists(path) ? [path] : [path + ".json", path + ".conf"];
        var found = candidates.Where(File.Exists).ToList();
        if (found.Count == 0)
        {
            if (spec.Required)
            {
                throw new HoconException(spec.Origin, $"required include \"{spec.Name}\" was not found; looked for {string.Join(" and ", candidates.Select(c => $"'{c}'"))}.");
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
            var cycle = string.Join(" -> ", context.IncludeChain.Append(fullPath).Select(Path.GetFileName));
            throw new HoconException(spec.Origin, $"include cycle: {cycle}; a file cannot include itself.");
        }

        if (context.IncludeChain.Count >= ParseContext.MaxIncludeDepth)
        {
            throw new HoconException(spec.Origin, $"includes nest deeper than {ParseContext.MaxIncludeDepth} files; is there an include cycle?");
        }

        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HoconException(spec.Origin, $"cannot read the included file '{file}': {e.Message}");
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

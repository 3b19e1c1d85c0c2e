using System.IO.Enumeration;

namespace RecSharp.Data.Reading;

/// <summary>
/// Turns a configured data path into the files it names: a file; a folder (every data file below it, at any depth);
/// or a pattern whose path segments may hold <c>*</c> and <c>?</c>, and <c>**</c> for any number of folders, e.g.
/// <c>events/2026-11-*/*.parquet</c> or <c>logs/part-*.csv.gz</c>. Files and folders whose names start with <c>.</c>
/// or <c>_</c> (such as <c>_SUCCESS</c> markers and checksum files) are left out unless the pattern names them. Files
/// come in ordinal order of their paths, so a data set reads the same way on every machine.
/// </summary>
public static class DataFiles
{
    private static readonly string[] ParquetExtensions = [".parquet", ".pq"];
    private static readonly string[] TextExtensions = [".csv", ".tsv", ".txt"];

    /// <summary>The files a data path names, with their formats.</summary>
    /// <param name="path">A file, a folder or a pattern.</param>
    /// <param name="format">The format of every file; null to infer each file's from its extension.</param>
    /// <exception cref="DataFormatException">When a pattern matches no file or a folder holds no data file.</exception>
    public static IReadOnlyList<DataFile> Resolve(string path, DataFileFormat? format = null)
    {
        IEnumerable<string> files;
        if (HasWildcards(path))
        {
            files = Glob(path);
            if (!files.Any())
            {
                throw new DataFormatException(path, null, null, null, "the pattern matches no file");
            }
        }
        else if (Directory.Exists(path))
        {
            files = Below(path).Where(f => IsDataFile(f, format));
            if (!files.Any())
            {
                var kinds = format switch
                {
                    DataFileFormat.Parquet => ".parquet or .pq files",
                    DataFileFormat.Csv => ".csv, .tsv or .txt files, optionally gzip-compressed (.gz)",
                    _ => ".parquet, .pq, .csv, .tsv or .txt files (text optionally gzip-compressed, .gz)",
                };
                throw new DataFormatException(
                    path, null, null, null, $"the folder holds no data file: it has no {kinds}");
            }
        }
        else
        {
            files = [path];
        }

        return files.Order(StringComparer.Ordinal).Select(f => new DataFile(f, format ?? FormatOf(f))).ToArray();
    }

    /// <summary>The format a file's extension names: Parquet for <c>.parquet</c> and <c>.pq</c>, else CSV.</summary>
    /// <param name="path">The file.</param>
    public static DataFileFormat FormatOf(string path)
        => ParquetExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase))
            ? DataFileFormat.Parquet
            : DataFileFormat.Csv;

    /// <summary>Whether a path is a pattern (holds <c>*</c> or <c>?</c>).</summary>
    /// <param name="path">The path.</param>
    public static bool HasWildcards(string path) => path.AsSpan().IndexOfAny('*', '?') >= 0;

    private static bool IsDataFile(string file, DataFileFormat? format)
    {
        var name = file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? file[..^3] : file;
        var isParquet = ParquetExtensions.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        var isText = TextExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        return format switch
        {
            DataFileFormat.Parquet => isParquet,
            DataFileFormat.Csv => isText,
            _ => isParquet || isText,
        };
    }

    private static IEnumerable<string> Below(string folder)
        => Directory.EnumerateFiles(folder).Where(f => Visible(Path.GetFileName(f), "*"))
            .Concat(Directory.EnumerateDirectories(folder)
                .Where(d => Visible(Path.GetFileName(d), "*"))
                .SelectMany(Below));

    private static IEnumerable<string> Glob(string pattern)
    {
        var segments = pattern.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]);
        var fixedCount = segments.TakeWhile(s => !HasWildcards(s)).Count();
        var root = string.Join(Path.DirectorySeparatorChar, segments.Take(fixedCount));
        root = root.Length == 0 ? (Path.IsPathRooted(pattern) ? Path.DirectorySeparatorChar.ToString() : ".") : root;
        return Directory.Exists(root)
            ? Match(root, segments[fixedCount..].Where(s => s.Length > 0).ToArray(), 0).Distinct(StringComparer.Ordinal)
            : [];
    }

    private static IEnumerable<string> Match(string folder, string[] segments, int index)
    {
        var segment = segments[index];
        var last = index == segments.Length - 1;
        if (segment == "**")
        {
            var here = last ? Below(folder) : Match(folder, segments, index + 1);
            return here.Concat(Children(folder, "*", files: false).SelectMany(d => Match(d, segments, index)));
        }

        return last
            ? Children(folder, segment, files: true)
            : Children(folder, segment, files: false).SelectMany(d => Match(d, segments, index + 1));
    }

    private static IEnumerable<string> Children(string folder, string segment, bool files)
    {
        if (!HasWildcards(segment))
        {
            var child = Path.Combine(folder, segment);
            return (files ? File.Exists(child) : Directory.Exists(child)) ? [child] : [];
        }

        var entries = files ? Directory.EnumerateFiles(folder) : Directory.EnumerateDirectories(folder);
        return entries.Where(e =>
        {
            var name = Path.GetFileName(e);
            return Visible(name, segment) && FileSystemName.MatchesSimpleExpression(segment, name, ignoreCase: false);
        });
    }

    private static bool Visible(string name, string segment)
        => !(name.StartsWith('.') || name.StartsWith('_')) || segment.StartsWith(name[0]);
}

using RecSharp.Data.Configuration.Yaml;
using RecSharp.Data.Reading;

namespace RecSharp.Data.Configuration.Sections;

/// <summary>Reads and validates the <c>data</c> section.</summary>
internal static class DataSectionParser
{
    /// <summary>The keys a data section may hold.</summary>
    public static readonly string[] Keys =
    [
        "path", "format", "separator", "header", "columns", "missing", "trimSpaces", "idColumn",
        "validationPath", "testPath", "splitKey", "memoryBudget",
    ];

    public static DataConfig Parse(YamlSection? section, string? baseDirectory)
    {
        if (section is null)
        {
            return new DataConfig();
        }

        var separatorText = section.String("separator") ?? ",";
        if (separatorText.Length != 1)
        {
            throw section.ErrorAt("separator", $"'data.separator' must be a single character, got '{separatorText}'");
        }

        var header = section.Bool("header") ?? true;
        var columns = section.StringList("columns");
        if (header && columns is not null)
        {
            throw section.ErrorAt("columns",
            "'data.columns' is only used when 'data.header' is false; the header names the columns");
        }

        if (!header && (columns is null || columns.Count == 0))
        {
            throw section.Context.Error(section.LineOf("header"),
            "'data.header' is false, so 'data.columns' must list the column names");
        }

        if (columns is not null)
        {
            var duplicate = columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw section.ErrorAt("columns", $"'data.columns' names '{duplicate.Key}' more than once");
            }

            if (columns.Any(string.IsNullOrWhiteSpace))
            {
                throw section.ErrorAt("columns", "'data.columns' has an empty column name");
            }
        }

        var idColumn = section.String("idColumn");
        if (idColumn is not null && columns is not null && !columns.Contains(idColumn, StringComparer.Ordinal))
        {
            throw section.ErrorAt("idColumn", $"'data.idColumn' names '{idColumn}', which is not in 'data.columns'");
        }

        var splitKey = section.String("splitKey");
        if (splitKey is not null && columns is not null && !columns.Contains(splitKey, StringComparer.Ordinal))
        {
            throw section.ErrorAt("splitKey", $"'data.splitKey' names '{splitKey}', which is not in 'data.columns'");
        }

        return new DataConfig
        {
            Path = Resolved(section.String("path"), baseDirectory),
            ValidationPath = Resolved(section.String("validationPath"), baseDirectory),
            TestPath = Resolved(section.String("testPath"), baseDirectory),
            SplitKey = splitKey,
            MemoryBudget = ParseSize(section, "memoryBudget"),
            Format = ParseFormat(section),
            Separator = separatorText[0],
            Header = header,
            Columns = columns,
            Missing = section.StringList("missing") ?? [""],
            TrimSpaces = section.Bool("trimSpaces") ?? true,
            IdColumn = idColumn,
        };
    }

    // A relative path in a file is resolved against the file's folder.
    private static string? Resolved(string? path, string? baseDirectory)
        => path is not null && baseDirectory is not null && !System.IO.Path.IsPathRooted(path)
            ? System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, path))
            : path;

    // A size in bytes, or with a unit: 512MB, 4GB (powers of 1024; KB, MB, GB, TB).
    private static long? ParseSize(YamlSection section, string key)
    {
        var text = section.String(key)?.Trim();
        if (text is null)
        {
            return null;
        }

        string[] units = ["KB", "MB", "GB", "TB"];
        var unit = Array.FindIndex(units, u => text.EndsWith(u, StringComparison.OrdinalIgnoreCase));
        var number = unit < 0 ? text : text[..^2].Trim();
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return double.TryParse(number, System.Globalization.NumberStyles.Float, invariant, out var value)
            && value > 0 && value * Math.Pow(1024, unit + 1) < long.MaxValue
            ? (long)(value * Math.Pow(1024, unit + 1))
            : throw section.ErrorAt(key, $"'data.{key}' must be a positive size such as 512MB or 4GB, got '{text}'");
    }

    private static DataFileFormat? ParseFormat(YamlSection section)
        => section.String("format")?.ToLowerInvariant() switch
        {
            null => null,
            "csv" => DataFileFormat.Csv,
            "parquet" => DataFileFormat.Parquet,
            var other => throw section.ErrorAt("format", $"'data.format' must be csv or parquet, got '{other}'"),
        };
}

using RecSharp.Data.Configuration.Yaml;
using RecSharp.Data.Reading;

namespace RecSharp.Data.Configuration.Sections;

/// <summary>Reads and validates the <c>data</c> section.</summary>
internal static class DataSectionParser
{
    private static readonly string[] Keys =
        ["path", "format", "separator", "header", "columns", "missing", "trimSpaces", "idColumn"];

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
            throw section.ErrorAt("columns", "'data.columns' is only used when 'data.header' is false; the header names the columns");
        }

        if (!header && (columns is null || columns.Count == 0))
        {
            throw section.Context.Error(section.LineOf("header"), "'data.header' is false, so 'data.columns' must list the column names");
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

        var path = section.String("path");
        if (path is not null && baseDirectory is not null && !System.IO.Path.IsPathRooted(path))
        {
            path = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, path));
        }

        return new DataConfig
        {
            Path = path,
            Format = ParseFormat(section),
            Separator = separatorText[0],
            Header = header,
            Columns = columns,
            Missing = section.StringList("missing") ?? [""],
            TrimSpaces = section.Bool("trimSpaces") ?? true,
            IdColumn = idColumn,
        };
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

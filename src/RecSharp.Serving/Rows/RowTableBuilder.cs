using System.Globalization;
using RecSharp.Data.Reading;

namespace RecSharp.Serving.Rows;

/// <summary>
/// Collects the fields of raw rows into a <see cref="RawTable"/> of the schema's columns, checking each field as the
/// training file's reader checked it: text is trimmed and missing markers become missing values, a number column
/// takes finite numbers (or a missing value). Every row must give every field; fields no feature reads are ignored.
/// </summary>
internal sealed class RowTableBuilder
{
    /// <summary>The file name the built table carries; its line numbers are the rows' 0-based positions.</summary>
    public const string SourceName = "request";

    private readonly RowSchema _schema;
    private readonly string?[]?[] _text;
    private readonly double[]?[] _numbers;
    private readonly bool[] _given;

    /// <summary>A builder for <paramref name="rows"/> rows of <paramref name="schema"/>.</summary>
    public RowTableBuilder(RowSchema schema, int rows)
    {
        _schema = schema;
        RowCount = rows;
        var columns = schema.Columns;
        _text = columns.Select(c => c.Text ? new string?[rows] : null).ToArray();
        _numbers = columns.Select(c => c.Number ? new double[rows] : null).ToArray();
        _given = new bool[rows * columns.Count];
    }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The schema the rows follow.</summary>
    public RowSchema Schema => _schema;

    /// <summary>Sets field <paramref name="column"/> of row <paramref name="row"/>.</summary>
    /// <exception cref="InvalidRowException">When the value does not suit the features reading the field.</exception>
    public void Set(int row, int column, RawValue value)
    {
        string name = _schema.Columns[column].Name;
        ref bool given = ref _given[row * _schema.Columns.Count + column];
        if (given) throw new InvalidRowException(row, name, "the field appears twice");
        given = true;
        if (value.Kind == RawValueKind.Unsupported)
        {
            throw new InvalidRowException(row, name, $"{value.Text} is not a value of the training data "
                + "(give a string, a number or null)");
        }
        if (_text[column] is { } text)
            text[row] = value.Kind == RawValueKind.Missing ? null : _schema.Clean(value.Text!);
        if (_numbers[column] is { } numbers) numbers[row] = Number(row, name, value);
    }

    /// <summary>The rows as a table; its line numbers are the rows' 0-based positions.</summary>
    /// <exception cref="InvalidRowException">When a row lacks a field.</exception>
    public RawTable Build()
    {
        int width = _schema.Columns.Count;
        int absent = Array.IndexOf(_given, false);
        if (absent >= 0)
        {
            throw new InvalidRowException(absent / width, _schema.Columns[absent % width].Name,
                "the field is missing (give null for a missing value)");
        }
        var columns = _schema.Columns.Select((c, i) => new RawColumn(c.Name, _text[i], _numbers[i]));
        return new RawTable(SourceName, Enumerable.Range(0, RowCount).ToArray(), columns);
    }

    private double Number(int row, string name, RawValue value)
    {
        switch (value.Kind)
        {
            case RawValueKind.Missing:
                return double.NaN;
            case RawValueKind.Text when _schema.Clean(value.Text!) is null:
                return double.NaN;
            case RawValueKind.Text:
                throw new InvalidRowException(row, name, $"expected a number, got the string \"{value.Text}\"");
            default:
                return double.IsFinite(value.Number)
                    ? value.Number
                    : throw new InvalidRowException(row, name,
                        $"{value.Text ?? value.Number.ToString(CultureInfo.InvariantCulture)} is not a finite number");
        }
    }
}

using System.Globalization;

namespace RecSharp.Data.Reading;

/// <summary>Accumulates one requested column's fields, checking each and interning repeated text.</summary>
internal sealed class ColumnBuffer
{
    private const int InternLimit = 1 << 16;

    private readonly Dictionary<string, string> interned = new(StringComparer.Ordinal);
    private readonly List<string?>? text;
    private readonly List<double>? numbers;
    private readonly HashSet<string>? allowed;
    private string? pendingText;
    private double pendingNumber;

    public ColumnBuffer(
        string name,
        int index,
        bool keepText,
        bool keepNumbers,
        bool required,
        bool zeroOrOne,
        IReadOnlyList<string>? allowedValues)
    {
        Name = name;
        Index = index;
        Required = required;
        ZeroOrOne = zeroOrOne;
        text = keepText ? [] : null;
        numbers = keepNumbers ? [] : null;
        allowed = allowedValues is null ? null : new HashSet<string>(allowedValues, StringComparer.Ordinal);
    }

    public string Name { get; }

    public int Index { get; }

    public bool Required { get; }

    public bool ZeroOrOne { get; }

    public int Count => text?.Count ?? numbers!.Count;

    /// <summary>Checks a field and holds its value until <see cref="Commit"/>; returns the problem, or null.</summary>
    public string? Stage(ReadOnlySpan<char> field, bool isMissing)
    {
        if (isMissing)
        {
            if (Required)
            {
                return "the label is missing";
            }

            pendingText = null;
            pendingNumber = double.NaN;
            return null;
        }

        if (allowed is not null && !allowed.GetAlternateLookup<ReadOnlySpan<char>>().Contains(field))
        {
            return "the label is neither a positive nor a negative value of its task";
        }

        if (numbers is not null)
        {
            var problem = double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out pendingNumber)
                ? CheckNumber(pendingNumber)
                : "not a number";
            if (problem is not null)
            {
                return problem;
            }
        }

        pendingText = text is null ? null : Intern(field);
        return null;
    }

    /// <summary>
    /// Whether a typed value must be staged as text (<see cref="Stage"/>) because the column is kept as text or its
    /// values are restricted; otherwise <see cref="StageNumber"/> takes it.
    /// </summary>
    public bool NeedsText => text is not null || allowed is not null;

    /// <summary>
    /// Checks a number read from a typed column of a column kept only as numbers and holds it until
    /// <see cref="Commit"/>; returns the problem, or null.
    /// </summary>
    public string? StageNumber(double value)
    {
        pendingNumber = value;
        pendingText = null;
        return CheckNumber(value);
    }

    public void Commit()
    {
        text?.Add(pendingText);
        numbers?.Add(pendingNumber);
    }

    public RawColumn Build()
        => new(Name, text?.ToArray(), numbers?.ToArray());

    private string? CheckNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            return "not a number";
        }

        return ZeroOrOne && value is not (0 or 1)
            ? "a binary label without 'positive' or 'threshold' must be 0 or 1"
            : null;
    }

    private string Intern(ReadOnlySpan<char> field)
    {
        var lookup = interned.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(field, out var existing))
        {
            return existing;
        }

        var value = field.ToString();
        if (interned.Count < InternLimit)
        {
            interned[value] = value;
        }

        return value;
    }
}

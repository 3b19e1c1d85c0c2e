using System.Globalization;
using System.Runtime.CompilerServices;

namespace RecSharp.Data.Reading;

/// <summary>
/// Accumulates one requested column's fields of a chunk, checking each and interning repeated text; the buffer of the
/// next chunk (<see cref="Next"/>) keeps the interned text, so a value repeated across a file's chunks is one string.
/// </summary>
internal sealed class ColumnBuffer
{
    private const int InternLimit = 1 << 16;

    private readonly Dictionary<string, string> interned;
    private readonly RowValues<string?>? text;
    private readonly RowValues<double>? numbers;
    private readonly HashSet<string>? allowed;
    private readonly StagedTexts staged;
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
        interned = new Dictionary<string, string>(StringComparer.Ordinal);
        text = keepText ? new RowValues<string?>(0) : null;
        numbers = keepNumbers ? new RowValues<double>(0) : null;
        allowed = allowedValues is null ? null : new HashSet<string>(allowedValues, StringComparer.Ordinal);
        staged = new StagedTexts();
    }

    // The buffer of the chunk after `previous`'s, sharing its settings and interned text, with room for as many rows.
    private ColumnBuffer(ColumnBuffer previous)
    {
        (Name, Index, Required, ZeroOrOne) = (previous.Name, previous.Index, previous.Required, previous.ZeroOrOne);
        (interned, allowed, staged) = (previous.interned, previous.allowed, previous.staged);
        text = previous.text is null ? null : new RowValues<string?>(previous.Count);
        numbers = previous.numbers is null ? null : new RowValues<double>(previous.Count);
    }

    public string Name { get; }

    public int Index { get; }

    public bool Required { get; }

    public bool ZeroOrOne { get; }

    public int Count => text?.Count ?? numbers!.Count;

    /// <summary>Checks a field and holds its value until <see cref="Commit"/>; returns the problem, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    /// Stages a text value of a typed column, trimmed when <paramref name="trim"/> is set and missing when it is one of
    /// the <paramref name="missing"/> markers, as <see cref="Stage(ReadOnlySpan{char}, bool)"/> does; a value held in
    /// the same memory as one staged without a problem from the same column <paramref name="from"/> before takes that
    /// outcome without being checked again (see <see cref="StagedTexts"/>). Returns the problem, or null.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? StageText(ReadOnlyMemory<char> value, object from, MissingMarkers missing, bool trim)
    {
        if (staged.TryGet(value, from, out var text, out var number))
        {
            (pendingText, pendingNumber) = (text, number);
            return null;
        }

        var field = trim ? value.Span.Trim() : value.Span;
        var problem = Stage(field, missing.Contains(field));
        if (problem is null)
        {
            staged.Keep(value, pendingText, pendingNumber);
        }

        return problem;
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

    /// <summary>The column of the chunk; its arrays are handed over, so nothing is added afterwards.</summary>
    public RawColumn Build()
        => new(Name, text?.Take(), numbers?.Take());

    /// <summary>An empty buffer for the next chunk: the same column and checks, the interned text, and room for as
    /// many rows as this one holds.</summary>
    public ColumnBuffer Next() => new(this);

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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

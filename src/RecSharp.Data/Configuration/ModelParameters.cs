using System.Collections;
using RecSharp.Catalog;

namespace RecSharp.Data.Configuration;

/// <summary>
/// The model hyper-parameters given in an experiment file, keyed by their camelCase names.
/// Values are <see cref="int"/>, <see cref="double"/>, <see cref="bool"/>, <see cref="string"/>
/// or <c>IReadOnlyList&lt;int&gt;</c>, as <see cref="ModelParameterCatalog"/> declares for each name.
/// </summary>
public sealed class ModelParameters : IReadOnlyDictionary<string, object>
{
    private readonly IReadOnlyDictionary<string, object> values;

    /// <summary>Wraps already validated values.</summary>
    /// <param name="values">The parameter values by name.</param>
    public ModelParameters(IReadOnlyDictionary<string, object> values)
    {
        this.values = new Dictionary<string, object>(values, StringComparer.Ordinal);
    }

    /// <summary>No parameters: every one takes the model's default.</summary>
    public static ModelParameters Empty { get; } = new(new Dictionary<string, object>());

    /// <inheritdoc />
    public object this[string key] => values[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => values.Keys;

    /// <inheritdoc />
    public IEnumerable<object> Values => values.Values;

    /// <inheritdoc />
    public int Count => values.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => values.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out object value)
        => values.TryGetValue(key, out value);

    /// <summary>An integer parameter, or <paramref name="fallback"/> when it was not given.</summary>
    /// <param name="name">The camelCase parameter name.</param>
    /// <param name="fallback">The model's default.</param>
    public int GetInt(string name, int fallback) => values.TryGetValue(name, out var v) ? (int)v : fallback;

    /// <summary>A real parameter, or <paramref name="fallback"/> when it was not given.</summary>
    /// <param name="name">The camelCase parameter name.</param>
    /// <param name="fallback">The model's default.</param>
    public double GetDouble(string name, double fallback) => values.TryGetValue(name, out var v) ? (double)v : fallback;

    /// <summary>A boolean parameter, or <paramref name="fallback"/> when it was not given.</summary>
    /// <param name="name">The camelCase parameter name.</param>
    /// <param name="fallback">The model's default.</param>
    public bool GetBool(string name, bool fallback) => values.TryGetValue(name, out var v) ? (bool)v : fallback;

    /// <summary>A text parameter, or <paramref name="fallback"/> when it was not given.</summary>
    /// <param name="name">The camelCase parameter name.</param>
    /// <param name="fallback">The model's default.</param>
    public string GetString(string name, string fallback) => values.TryGetValue(name, out var v) ? (string)v : fallback;

    /// <summary>A list-of-widths parameter, or <paramref name="fallback"/> when it was not given.</summary>
    /// <param name="name">The camelCase parameter name.</param>
    /// <param name="fallback">The model's default.</param>
    public IReadOnlyList<int> GetIntList(string name, IReadOnlyList<int> fallback)
        => values.TryGetValue(name, out var v) ? (IReadOnlyList<int>)v : fallback;

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

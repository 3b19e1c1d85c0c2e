namespace RecSharp.Models;

/// <summary>Validation of hidden-unit lists, shared by the models.</summary>
internal static class HiddenUnits
{
    /// <summary>Checks that <paramref name="units"/> holds positive integers and, unless allowed, is not
    /// empty.</summary>
    public static void Require(string name, IReadOnlyList<int>? units, bool allowEmpty)
    {
        if (units is null) throw new ArgumentException($"{name} must not be null", name);
        if (!allowEmpty && units.Count == 0) throw new ArgumentException($"{name} must not be empty", name);
        foreach (int u in units)
            if (u < 1) throw new ArgumentException($"{name} must hold positive integers, got {u}", name);
    }
}

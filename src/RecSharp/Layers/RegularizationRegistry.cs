using RecSharp.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Layers;

/// <summary>
/// L1/L2 penalties on groups of parameters, summed into one loss term as the reference's
/// <c>add_regularization_weight</c> and <c>get_regularization_loss</c>: <c>Σ l1·|w| + l2·w²</c> over every registered
/// weight, computed per group over all its weights at once. Weights are registered by their state-dict name, so the
/// registry stays valid when a model moves between devices (which replaces its parameter tensors).
/// </summary>
internal sealed class RegularizationRegistry
{
    private readonly List<(string[] Names, Scalar? L1, Scalar? L2)> _groups = [];

    /// <summary>Registers the parameters named <paramref name="names"/> with the given strengths; empty groups and
    /// groups with both at 0 are ignored.</summary>
    public void Add(IEnumerable<string> names, double l1 = 0, double l2 = 0)
    {
        if (l1 < 0 || l2 < 0 || !double.IsFinite(l1) || !double.IsFinite(l2))
        {
            throw new ArgumentException(
                $"regularisation strengths must be finite and non-negative, got l1={l1}, l2={l2}");
        }
        var group = names.ToArray();
        if ((l1 == 0 && l2 == 0) || group.Length == 0) return;
        _groups.Add((group, l1 > 0 ? l1.ToScalar() : null, l2 > 0 ? l2.ToScalar() : null));
    }

    /// <summary>Whether any penalty is registered.</summary>
    public bool IsEmpty => _groups.Count == 0;

    /// <summary>The registered names, once per group they belong to.</summary>
    public IEnumerable<string> Names => _groups.SelectMany(g => g.Names);

    /// <summary>The penalty as a scalar tensor (0 when nothing is registered).</summary>
    /// <param name="parameters">The model's parameters by state-dict name.</param>
    /// <param name="device">Where the result lives.</param>
    public Tensor Loss(IReadOnlyDictionary<string, Parameter> parameters, Device device)
    {
        using var scope = NewDisposeScope();
        var total = zeros(1, device: device);
        foreach (var (names, l1, l2) in _groups)
        {
            var weights = names.Select(name => parameters.TryGetValue(name, out var w) ? (Tensor)w
                : throw new InvalidOperationException($"regularised parameter \"{name}\" is not part of the model"))
                    .ToArray();
            var all = Flattened(weights);                                                  // (Σ sizes)
            if (l1 is not null) total = total.add(all.abs().sum().mul(l1), HeldScalars.One);
            if (l2 is not null) total = total.add(all.dot(all).mul(l2), HeldScalars.One);
        }
        return total.squeeze().MoveToOuterDisposeScope();
    }

    /// <summary>All values of <paramref name="weights"/> in one vector (one copy, so a group costs a few operations
    /// however many tensors it has).</summary>
    private static Tensor Flattened(Tensor[] weights)
    {
        if (weights.Length == 1) return weights[0].reshape(-1);
        bool sameRows = weights.All(w => w.dim() == 2 && w.shape[1] == weights[0].shape[1]);
        return sameRows ? cat(weights, 0).view(-1) : cat(weights.Select(w => w.reshape(-1)).ToArray(), 0);
    }

    /// <summary>
    /// The names among <paramref name="namedParameters"/> that the reference regularises with <c>l2_reg_dnn</c>:
    /// names containing <c>weight</c> and not <c>bn</c>, prefixed with <paramref name="prefix"/>.
    /// </summary>
    public static IEnumerable<string> DnnWeightNames(string prefix,
        IEnumerable<(string name, Parameter parameter)> namedParameters) =>
        namedParameters
            .Where(p =>
                p.name.Contains("weight", StringComparison.Ordinal) && !p.name.Contains("bn", StringComparison.Ordinal))
            .Select(p => prefix + "." + p.name);
}

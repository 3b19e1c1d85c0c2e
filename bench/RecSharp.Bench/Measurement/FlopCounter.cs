using RecSharp.Models;

namespace RecSharp.Bench.Measurement;

/// <summary>
/// Counts a model's FLOPs per row analytically, from its hyper-parameters, over exactly the layers its forward pass
/// runs: every expert, every gate that is evaluated (PLE's last level has no shared gate), every mixture, every tower.
/// <para>
/// Left out, as negligible next to the matrix products (each is at most one operation per output value, against
/// <c>2·in</c> for a linear layer): bias additions, activations, softmax, sigmoid, BatchNorm, dropout and the loss.
/// Embedding lookups move memory and do no arithmetic.
/// </para>
/// </summary>
internal static class FlopCounter
{
    /// <summary>The count of <paramref name="model"/>, whose network input is <c>model.Layout.DnnInputDim</c>
    /// wide.</summary>
    public static FlopCount Count(MultiTaskModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Count(model.Options, model.Layout.DnnInputDim);
    }

    /// <summary>The count of the model <paramref name="options"/> describe, over a network input <paramref
    /// name="inputDim"/> wide.</summary>
    public static FlopCount Count(MultiTaskOptions options, long inputDim)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputDim);
        int tasks = options.TaskNames.Count;
        return options switch
        {
            PleOptions ple => Ple(ple, inputDim, tasks),
            MmoeOptions mmoe => Mmoe(mmoe, inputDim, tasks),
            SharedBottomOptions bottom => SharedBottom(bottom, inputDim, tasks),
            EsmmOptions esmm => Esmm(esmm, inputDim),
            _ => throw new ArgumentException($"no FLOP count is known for {options.GetType().Name}", nameof(options)),
        };
    }

    /// <summary>A DNN of <paramref name="units"/> over an input <paramref name="inputDim"/> wide.</summary>
    public static long Dnn(long inputDim, IReadOnlyList<int> units)
    {
        long flops = 0, width = inputDim;
        foreach (int u in units)
        {
            flops += Linear(width, u);
            width = u;
        }
        return flops;
    }

    /// <summary>A linear layer: <c>2·in·out</c>.</summary>
    public static long Linear(long inputDim, long outputDim) => 2 * inputDim * outputDim;

    private static FlopCount Ple(PleOptions o, long inputDim, int tasks)
    {
        long experts = 0, gates = 0, mixing = 0;
        long width = inputDim, expertDim = o.ExpertDnnHiddenUnits[^1];
        // a task gate: its own experts and the shared ones
        int perTaskGate = o.SpecificExpertNum + o.SharedExpertNum;
        // the shared gate: every expert of the level
        int allExperts = tasks * o.SpecificExpertNum + o.SharedExpertNum;
        for (int level = 0; level < o.NumLevels; level++)
        {
            // the last level's shared output feeds nothing
            bool shared = level < o.NumLevels - 1;
            experts += allExperts * Dnn(width, o.ExpertDnnHiddenUnits);
            gates += tasks * Gate(width, perTaskGate, o.GateDnnHiddenUnits);
            mixing += tasks * Mix(perTaskGate, expertDim);
            if (shared)
            {
                gates += Gate(width, allExperts, o.GateDnnHiddenUnits);
                mixing += Mix(allExperts, expertDim);
            }
            width = expertDim;
        }
        return new FlopCount(experts, gates, mixing, tasks * Tower(expertDim, o.TowerDnnHiddenUnits));
    }

    private static FlopCount Mmoe(MmoeOptions o, long inputDim, int tasks)
    {
        long expertDim = o.ExpertDnnHiddenUnits[^1];
        return new FlopCount(
            o.NumExperts * Dnn(inputDim, o.ExpertDnnHiddenUnits),
            tasks * Gate(inputDim, o.NumExperts, o.GateDnnHiddenUnits),
            tasks * Mix(o.NumExperts, expertDim),
            tasks * Tower(expertDim, o.TowerDnnHiddenUnits));
    }

    private static FlopCount SharedBottom(SharedBottomOptions o, long inputDim, int tasks) =>
        new(Dnn(inputDim, o.BottomDnnHiddenUnits), 0, 0,
            tasks * Tower(o.BottomDnnHiddenUnits[^1], o.TowerDnnHiddenUnits));

    private static FlopCount Esmm(EsmmOptions o, long inputDim) =>
        // CTR and CVR towers
        new(0, 0, 0, 2 * (Dnn(inputDim, o.TowerDnnHiddenUnits) + Linear(o.TowerDnnHiddenUnits[^1], 1)));

    /// <summary>A gate: its DNN (if any), then a linear layer to one logit per expert.</summary>
    private static long Gate(long inputDim, int experts, IReadOnlyList<int> units) =>
        Dnn(inputDim, units) + Linear(units.Count > 0 ? units[^1] : inputDim, experts);

    /// <summary>A tower: its DNN (if any), then a linear layer to one logit.</summary>
    private static long Tower(long inputDim, IReadOnlyList<int> units) =>
        Dnn(inputDim, units) + Linear(units.Count > 0 ? units[^1] : inputDim, 1);

    /// <summary>Mixing expert outputs: <c>(1, experts) · (experts, dim)</c> per row.</summary>
    private static long Mix(int experts, long dim) => 2 * experts * dim;
}

using System.Reflection;
using RecSharp.Persistence;
using RecSharp.Persistence.SafeTensors;
using RecSharp.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecSharp.Training.Checkpoints;

/// <summary>
/// The state of a TorchSharp optimizer (Adam's moments and step counts, SGD's momentum, …) as named safetensors
/// entries <c>&lt;prefix&gt;&lt;parameter&gt;.&lt;field&gt;</c>, one per state tensor or step counter of each
/// parameter, in the optimizer's parameter order; plus the learning rate of each parameter group. Restoring checks
/// every entry against the live optimizer before it changes anything.
/// </summary>
internal static class OptimizerStateEntries
{
    /// <summary>The optimizer's state entries; fails for optimizers whose state it cannot represent.</summary>
    public static List<SafeTensorEntry> Capture(optim.Optimizer optimizer, string prefix)
    {
        var entries = new List<SafeTensorEntry>();
        var states = States(optimizer);
        for (int i = 0; i < states.Count; i++)
        {
            foreach (var field in Fields(states[i]))
            {
                string name = $"{prefix}{i}.{field.Name}";
                switch (field.GetValue(states[i]))
                {
                    case Tensor t: entries.Add(TensorEntries.FromTensor(name, t)); break;
                    case long step: entries.Add(SafeTensorValues.FromInt64s(name, [], [step])); break;
                    case null: break;
                }
            }
        }
        return entries;
    }

    /// <summary>The learning rate of each parameter group.</summary>
    public static double[] LearningRates(optim.Optimizer optimizer) =>
        optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();

    /// <summary>
    /// Checks that the entries (keyed by full name) and learning rates describe an optimizer of the same kind over
    /// parameters of the same shapes, and returns the action that puts them into <paramref name="optimizer"/>:
    /// nothing changes unless every check passes.
    /// </summary>
    public static Action Prepare(optim.Optimizer optimizer, IReadOnlyDictionary<string, SafeTensorEntry> entries,
        string prefix,
        IReadOnlyList<double> learningRates, Device device, string source)
    {
        var states = States(optimizer);
        var groups = optimizer.ParamGroups.ToArray();
        if (learningRates.Count != groups.Length)
        {
            throw new ModelArtifactException($"{source} holds {learningRates.Count} optimizer parameter groups but " +
                $"the optimizer has {groups.Length}");
        }
        var expected = new HashSet<string>(StringComparer.Ordinal);
        var assignments = new List<Action>();
        for (int i = 0; i < states.Count; i++)
        {
            var state = states[i];
            foreach (var field in Fields(state))
            {
                string name = $"{prefix}{i}.{field.Name}";
                var current = field.GetValue(state);
                if (!entries.TryGetValue(name, out var entry))
                {
                    if (current is null) continue;
                    throw new ModelArtifactException($"{source} lacks the optimizer state \"{name}\"; it was written " +
                        "for another optimizer or model");
                }
                expected.Add(name);
                assignments.Add(PlanAssignment(state, field, current, entry, device, source));
            }
        }
        foreach (var name in entries.Keys)
        {
            if (!expected.Contains(name))
            {
                throw new ModelArtifactException($"{source} holds the optimizer state \"{name}\", which this " +
                    "optimizer does not have; it was written for another optimizer or model");
            }
        }
        return () =>
        {
            foreach (var assign in assignments) assign();
            for (int g = 0; g < groups.Length; g++) groups[g].LearningRate = learningRates[g];
        };
    }

    private static Action PlanAssignment(OptimizerState state, FieldInfo field, object? current, SafeTensorEntry entry,
        Device device, string source)
    {
        if (field.FieldType == typeof(long))
        {
            if (entry.DType != SafeTensorDType.I64 || entry.Shape.Length != 0)
                throw new ModelArtifactException($"{source}: optimizer state \"{entry.Name}\" must be an int64 scalar");
            long step = SafeTensorValues.ToInt64s(entry)[0];
            if (step < 0)
                throw new ModelArtifactException($"{source}: optimizer state \"{entry.Name}\" is negative ({step})");
            return () => field.SetValue(state, step);
        }
        if (current is Tensor live)
        {
            if (!live.shape.SequenceEqual(entry.Shape))
            {
                throw new ModelArtifactException($"{source}: optimizer state \"{entry.Name}\" has shape " +
                    $"{entry.FormatShape()} but the optimizer's is [{string.Join(", ", live.shape)}]");
            }
            var restored = TensorEntries.ToTensor(entry);
            if (restored.dtype != live.dtype)
            {
                throw new ModelArtifactException($"{source}: optimizer state \"{entry.Name}\" has dtype " +
                    $"{restored.dtype} but the optimizer's is {live.dtype}");
            }
            return () =>
            {
                using var noGrad = no_grad();
                live.copy_(restored);
                restored.Dispose();
            };
        }
        // A state tensor the optimizer creates lazily (SGD's momentum before the first step): adopt the stored one.
        var adopted = TensorEntries.ToTensor(entry).OnDevice(device);
        return () => field.SetValue(state, adopted);
    }

    private static List<OptimizerState> States(optim.Optimizer optimizer)
    {
        if (optimizer is not OptimizerHelper helper)
        {
            throw new NotSupportedException($"the state of optimizer {optimizer.GetType().Name} cannot be " +
                                            "checkpointed; use sgd, adam, adamw, adagrad or rmsprop");
        }
        return helper.state_dict().State;
    }

    // Each state's per-parameter quantities: tensors and step counters, in declaration order.
    private static IEnumerable<FieldInfo> Fields(OptimizerState state)
    {
        foreach (var field in state.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            if (field.FieldType == typeof(Tensor) || field.FieldType == typeof(long))
            {
                yield return field;
            }
            else
            {
                throw new NotSupportedException($"optimizer state {state.GetType().FullName} has a field " +
                    $"\"{field.Name}\" of type {field.FieldType.Name}, which checkpoints cannot hold");
            }
        }
    }
}

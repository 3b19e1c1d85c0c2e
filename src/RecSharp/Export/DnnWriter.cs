namespace RecSharp.Export;

/// <summary>
/// Writes a <see cref="Layers.Dnn"/> registered at a path: per layer its linear layer, its BatchNorm (eval form,
/// when the model has one) and its activation; dropout is left out, as in eval mode.
/// </summary>
internal static class DnnWriter
{
    /// <summary>
    /// Applies the DNN at <paramref name="path"/> to <paramref name="input"/> <c>(batch, in)</c>: <c>(batch, out)</c>.
    /// </summary>
    public static string Write(OnnxNetwork network, string path, string input)
    {
        string x = input;
        for (int i = 0; network.Has($"{path}.linears.{i}"); i++)
        {
            x = LinearWriter.Write(network, $"{path}.linears.{i}", x);
            if (network.Has($"{path}.bn.{i}")) x = BatchNormWriter.Write(network, $"{path}.bn.{i}", x);
            x = ActivationWriter.Write(network, $"{path}.activation_layers.{i}", x);
        }
        if (ReferenceEquals(x, input)) throw new OnnxExportException($"the model has no DNN layers at \"{path}\"");
        return x;
    }
}

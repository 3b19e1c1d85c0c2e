namespace RecSharp.Features;

/// <summary>One embedding table: its name (the state-dict key under <c>embedding_dict</c>), rows and width.</summary>
/// <param name="Name">The table's name.</param>
/// <param name="VocabularySize">Number of rows.</param>
/// <param name="Dim">Embedding width.</param>
internal sealed record EmbeddingTableSpec(string Name, int VocabularySize, int Dim);

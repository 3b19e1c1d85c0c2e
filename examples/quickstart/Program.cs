using RecSharp.Features;
using RecSharp.Models;
using RecSharp.Persistence;
using RecSharp.Training;
using RecSharp.Training.Callbacks;

FeatureColumn[] columns =
[
    new SparseFeat("user_id", vocabularySize: 1_000, embeddingDim: 8),
    new SparseFeat("item_id", vocabularySize: 500, embeddingDim: 8),
    new DenseFeat("price"),
    new VarLenSparseFeat(new SparseFeat("history", 500, 8, embeddingName: "item_id"), maxLen: 20, combiner: "mean"),
];

// Stand-in data (see Impressions below): one array per feature, one label column per task.
var (trainInputs, trainLabels) = Impressions(rows: 5_000, seed: 1);
var (testInputs, testLabels) = Impressions(rows: 1_000, seed: 2);

var model = new Ple(columns, sharedExpertNum: 1, specificExpertNum: 1, numLevels: 2,
                    taskTypes: ["binary", "regression"], taskNames: ["click", "watch_time"]);

model.Compile("adam", loss: ["binary_crossentropy", "mse"], metrics: ["auc", "mse"]);  // click: auc, watch_time: mse
var stopping = new EarlyStopping("val_click_auc", patience: 2, mode: "max", restoreBestWeights: true);
History history = model.Fit(trainInputs, trainLabels, batchSize: 64, epochs: 10, validationSplit: 0.1,
                            callbacks: [stopping]);
double[,] scores = model.Predict(testInputs, batchSize: 1024);                  // rows × tasks
Dictionary<string, double> metrics = model.Evaluate(testInputs, testLabels);    // click_auc, watch_time_mse
string test = string.Join(", ", metrics.Select(m => $"{m.Key} {m.Value:F4}"));
Console.WriteLine($"{history.Epochs.Count} epochs; test: {test}");

model.Save("model.safetensors");                 // weights + hyper-parameters + columns, atomically
using var again = ModelPersistence.Load("model.safetensors");
bool same = again.Predict(testInputs, batchSize: 1024)[0, 0] == scores[0, 0];
Console.WriteLine($"the loaded model predicts the same: {same}");

// Cheap items and every fifth item (the popular ones) are clicked more; watch time follows clicks and price.
static (Dictionary<string, Array> Inputs, double[,] Labels) Impressions(int rows, int seed)
{
    var random = new Random(seed);
    var (users, items, prices, history) = (new int[rows], new int[rows], new float[rows], new int[rows, 20]);
    var labels = new double[rows, 2];
    for (int i = 0; i < rows; i++)
    {
        users[i] = random.Next(1, 1_000);
        items[i] = random.Next(1, 500);
        prices[i] = (float)random.NextDouble();
        int length = random.Next(1, 21);
        for (int k = 0; k < length; k++) history[i, k] = random.Next(1, 500);   // item ids; 0 pads the rest
        double logit = 1.0 - 3.0 * prices[i] + (items[i] % 5 == 0 ? 1.5 : 0.0);
        labels[i, 0] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        labels[i, 1] = labels[i, 0] * (0.3 + 0.6 * prices[i]) + 0.05 * random.NextDouble();
    }
    var inputs = new Dictionary<string, Array>
    {
        ["user_id"] = users, ["item_id"] = items, ["price"] = prices, ["history"] = history,
    };
    return (inputs, labels);
}

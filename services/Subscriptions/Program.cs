using NewsPlatform.Subscriptions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSubscriptions();

var app = builder.Build();

app.UseProblemDetailsForErrors();
app.MapDefaultEndpoints();
app.MapSubscriptionsApi();

app.Run();

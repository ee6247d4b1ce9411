using NewsPlatform.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();

app.UseProblemDetailsForErrors();
app.MapDefaultEndpoints();
app.MapReverseProxy();

app.Run();

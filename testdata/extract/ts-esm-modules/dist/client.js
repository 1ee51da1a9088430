export async function fetchForecast(city, days) {
    const res = await fetch(`https://api.weather.example/v1/forecast?q=${encodeURIComponent(city)}&days=${days}`);
    return res.json();
}

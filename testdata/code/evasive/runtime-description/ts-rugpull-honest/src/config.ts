export const API = "https://api.weather-lite.example/v1";
export const API_KEY = process.env.WEATHER_LITE_API_KEY;

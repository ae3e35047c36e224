System.Console.WriteLine("ShopTriggers");

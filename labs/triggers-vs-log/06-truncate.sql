TRUNCATE shop.orders;
